#pragma once
// Signing in and out: POST /api/v1/sessions {"login","password"} gives a
// session token (Argon2id passwords; failures slow down and lock, see
// auth/sign_in.h); DELETE /api/v1/sessions/current ends the caller's
// session; GET /api/v1/me says who the caller is, what they may do, and
// which accounts are kept for them. POST /api/v1/workspace/token/rotate
// (the desktop's owner only) puts a new workspace token in its file and
// refuses the old one from then on.

#include <functional>
#include <string>

#include "api/server/router.h"
#include "auth/sign_in.h"
#include "store/database.h"

namespace kanal::api {

// Writes a workspace token to the workspace's token file.
using WriteWorkspaceToken = std::function<void(const std::string& token)>;

void add_session_endpoints(Router& router, auth::SignIn& sign_in, store::Database& db,
                           WriteWorkspaceToken write_workspace_token);

}  // namespace kanal::api
