#pragma once
// /api/v1/posts: drafts — create, list (paged, by state), read, edit with
// optimistic concurrency, delete. Every change writes an audit event in the
// same transaction.

#include "api/server/router.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::api {

void add_posts_endpoints(Router& router, store::Database& db, const Clock& clock);

}  // namespace kanal::api
