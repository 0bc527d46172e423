#pragma once
// GET /api/v1/posts/{id}/approval: what the workspace's approval policy asks
// of a post, per target account — the rule that decided, its line, and the
// steps — so the author sees it before submitting.

#include "api/server/router.h"
#include "store/database.h"
#include "workflow/policy.h"

namespace kanal::api {

void add_approval_endpoints(Router& router, store::Database& db, const workflow::Policy& policy);

}  // namespace kanal::api
