#include "api/server/session_endpoints.h"

#include "api/wire/users.h"
#include "core/error.h"
#include "store/account_permission_repository.h"
#include "store/notices.h"

namespace kanal::api {

void add_session_endpoints(Router& router, auth::SignIn& sign_in, store::Database& db,
                           WriteWorkspaceToken write_workspace_token) {
  router.add("POST", "/api/v1/sessions", Permission::open, [&sign_in](const Request& request) {
    const auto body = wire::parse_sign_in(request.body);
    const auto session = sign_in.sign_in(body.login, body.password);
    return Response::json(201, wire::to_json(wire::SessionInfo{session.token, session.expires_at, session.user}));
  });

  router.add("DELETE", "/api/v1/sessions/current", Permission::read, [&sign_in](const Request& request) {
    sign_in.sign_out(request.token);
    return Response::empty(204);
  });

  router.add("POST", "/api/v1/workspace/token/rotate", Permission::read,
             [&sign_in, write = std::move(write_workspace_token)](const Request& request) {
               sign_in.rotate_workspace_token(request.user, write);
               return Response::empty(204);
             });

  router.add("GET", "/api/v1/me", Permission::read, [&sign_in, &db](const Request& request) {
    const auto caller = sign_in.authenticate(request.token);
    wire::Me me{caller.user, caller.workspace_owner, {}};
    for (const auto permission : {Permission::read, Permission::audit, Permission::draft, Permission::edit_others,
                                  Permission::publish, Permission::approve, Permission::accounts, Permission::admin}) {
      if (role_may(caller.user.role, permission)) me.permissions.emplace_back(to_string(permission));
    }
    me.own_accounts = db.read([&](Poco::Data::Session& session) {
      return store::AccountPermissionRepository(session).kept_for(caller.user.id);
    });
    return Response::json(200, wire::to_json(me));
  });

  // What others did to the caller's posts, after a cursor: the app tells the person.
  router.add("GET", "/api/v1/me/notices", Permission::read, [&db](const Request& request) {
    const auto after = request.query_positive("after").value_or(0);
    auto notices = db.read([&](Poco::Data::Session& session) {
      std::vector<wire::Notice> found;
      for (const auto& notice :
           store::notices_for(session, request.user, after, static_cast<int>(wire::kNoticesPerAnswer))) {
        found.push_back(wire::Notice{notice.id, notice.at, notice.action, notice.post, notice.by});
      }
      return found;
    });
    return Response::json(200, wire::to_json(notices));
  });
}

}  // namespace kanal::api
