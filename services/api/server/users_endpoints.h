#pragma once
// GET /api/v1/users: the workspace's people and their roles (who an audit
// event names; whom an approval will go to).

#include "api/server/router.h"
#include "store/database.h"

namespace kanal::api {

void add_users_endpoints(Router& router, store::Database& db);

}  // namespace kanal::api
