#pragma once
// GET /api/v1/posts/{id}/approval: what the workspace's approval policy asks
// of a post, per connected account — the rule that decided, its line, and
// the steps — so the author sees it before submitting.
// GET /api/v1/policy: the policy file; PUT /api/v1/policy: a new one
// (refused with the line and the reason when it does not read), recorded in
// the audit trail with the text before and after.
// POST /api/v1/policy/try {"policy": TEXT, "post_id": N}: what a policy not
// yet saved would ask of a post (the policy editor's preview).

#include <memory>

#include "api/server/policy_store.h"
#include "api/server/router.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::api {

void add_approval_endpoints(Router& router, store::Database& db, PolicyStore& policies, const Clock& clock);

}  // namespace kanal::api
