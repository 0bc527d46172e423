#pragma once
// /api/v1/media: images uploaded once (their bytes as the request body),
// then attached to posts by id with their alt text.

#include "api/server/router.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::api {

void add_media_endpoints(Router& router, store::Database& db, const Clock& clock);

}  // namespace kanal::api
