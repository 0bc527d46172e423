#pragma once
// /api/v1/posts: drafts — create, list (paged, by state), read, edit with
// optimistic concurrency, delete. Every change writes an audit event in the
// same transaction. kanald sets each post's rights-and-entitlements flag
// from the workspace's word lists.

#include <functional>
#include <memory>

#include "api/server/router.h"
#include "core/time.h"
#include "store/database.h"
#include "text/word_lists.h"

namespace kanal::api {

// The word lists in force now (Kanal's own when not given).
using WordListSource = std::function<std::shared_ptr<const text::WordLists>()>;

void add_posts_endpoints(Router& router, store::Database& db, const Clock& clock, WordListSource word_lists = {});

}  // namespace kanal::api
