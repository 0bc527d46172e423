#pragma once
// GET /api/v1/posts/{id}/approval: what the workspace's approval policy asks
// of a post, per connected account — the rule that decided, its line, and
// the steps — so the author sees it before submitting.
// The policy itself is the workspace document "approval-policy"
// (document_endpoints.h).
// POST /api/v1/policy/try {"policy": TEXT, "post_id": N}: what a policy not
// yet saved would ask of a post (the policy editor's preview).

#include <memory>

#include "api/server/router.h"
#include "settings/workspace_settings.h"
#include "store/database.h"

namespace kanal::api {

void add_approval_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents);

}  // namespace kanal::api
