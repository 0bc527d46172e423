#include "api/server/account_access_endpoints.h"

#include "api/wire/users.h"
#include "core/error.h"
#include "core/json.h"
#include "store/account_permission_repository.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/user_repository.h"

namespace kanal::api {
namespace {

Account require_account(Poco::Data::Session& session, const Request& request) {
  const AccountId id{request.path_id("id", "account")};
  auto account = store::AccountRepository(session).find(id);
  if (!account) throw Error(ErrorCode::not_found, "no account " + std::to_string(id.value));
  return *account;
}

}  // namespace

void add_account_access_endpoints(Router& router, store::Database& db, const Clock& clock) {
  router.add("GET", "/api/v1/accounts/{id}/permissions", Permission::read, [&db](const Request& request) {
    const auto grants = db.read([&](Poco::Data::Session& session) {
      const auto account = require_account(session, request);
      return store::AccountPermissionRepository(session).list(account.id);
    });
    return Response::json(200, wire::to_json(grants));
  });

  router.add("PUT", "/api/v1/accounts/{id}/permissions", Permission::admin, [&db, &clock](const Request& request) {
    const auto grants = wire::parse_grants(request.body);
    const auto at = clock.now();
    db.transact([&](Poco::Data::Session& session) {
      const auto account = require_account(session, request);
      store::UserRepository users(session);
      for (std::size_t i = 0; i < grants.size(); ++i) {
        if (!users.find(grants[i].user)) {
          throw Error(ErrorCode::invalid_input, "no user " + std::to_string(grants[i].user.value),
                      "[" + std::to_string(i) + "].user_id");
        }
      }
      store::AccountPermissionRepository permissions(session);
      const auto before = permissions.list(account.id);
      permissions.replace(account.id, grants);
      const auto detail = json::written([&](json::JsonWriter& w) {
        w.StartObject();
        json::write_string(w, "handle", account.handle);
        json::write_string(w, "before", wire::to_json(before));
        json::write_string(w, "after", wire::to_json(grants));
        w.EndObject();
      });
      store::AuditRepository(session).append(
          AuditEvent{0, at, request.user, "account.permissions_change", "account", account.id.value, detail});
    });
    return Response::json(200, wire::to_json(grants));
  });
}

}  // namespace kanal::api
