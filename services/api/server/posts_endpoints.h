#pragma once
// /api/v1/posts: drafts — create, list (paged, by state), read, edit with
// optimistic concurrency, delete. Every change writes an audit event in the
// same transaction. kanald sets each post's rights-and-entitlements flag
// from the workspace's word lists, and checks that a post said to come from
// a template is what the template gives for its fields.

#include <functional>
#include <memory>

#include "api/server/policy_store.h"
#include "api/server/router.h"
#include "api/server/text_endpoints.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::api {

// `workspace` gives the word lists and templates in force (Kanal's own when null).
// An edit voids the approvals the post had and sends it back to review
// (workflow/approvals.h) under the policy in `policies`.
void add_posts_endpoints(Router& router, store::Database& db, const Clock& clock, PolicyStore& policies,
                         const WorkspaceText* workspace = nullptr);

}  // namespace kanal::api
