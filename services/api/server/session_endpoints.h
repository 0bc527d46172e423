#pragma once
// Signing in and out: POST /api/v1/sessions {"login","password"} gives a
// session token (Argon2id passwords; failures slow down and lock, see
// auth/sign_in.h); DELETE /api/v1/sessions/current ends the caller's
// session; GET /api/v1/me says who the caller is, what they may do, and
// which accounts are kept for them.

#include "api/server/router.h"
#include "auth/sign_in.h"
#include "store/database.h"

namespace kanal::api {

void add_session_endpoints(Router& router, auth::SignIn& sign_in, store::Database& db);

}  // namespace kanal::api
