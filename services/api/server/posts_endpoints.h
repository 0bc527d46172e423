#pragma once
// /api/v1/posts: drafts — create, list (paged, by state), read, edit with
// optimistic concurrency, delete. Every change writes an audit event in the
// same transaction. kanald sets each post's rights-and-entitlements flag
// from the workspace's word lists, and checks that a post said to come from
// a template is what the template gives for its fields.

#include <functional>
#include <memory>

#include "api/server/router.h"
#include "core/time.h"
#include "settings/workspace_settings.h"
#include "store/database.h"

namespace kanal::api {

// `documents` gives the word lists and templates in force.
// An edit voids the approvals the post had and sends it back to review
// (workflow/approvals.h) under the policy in `documents`.
void add_posts_endpoints(Router& router, store::Database& db, const Clock& clock,
                         settings::WorkspaceSettings& documents);

}  // namespace kanal::api
