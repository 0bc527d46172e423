#pragma once
// /api/v1/users: the people of the workspace with their roles. An admin
// creates users (with a first password), changes names and roles, disables
// and enables them, and resets passwords; the workspace always keeps one
// enabled admin. Each change is an audit event.

#include "api/server/router.h"
#include "auth/sign_in.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::api {

void add_users_endpoints(Router& router, store::Database& db, const Clock& clock, const auth::SignIn& sign_in);

}  // namespace kanal::api
