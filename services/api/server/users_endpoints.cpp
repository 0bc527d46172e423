#include "api/server/users_endpoints.h"

#include "api/wire/messages.h"
#include "store/user_repository.h"

namespace kanal::api {

void add_users_endpoints(Router& router, store::Database& db) {
  router.add("GET", "/api/v1/users", [&db](const Request&) {
    const auto users = db.read([](Poco::Data::Session& session) { return store::UserRepository(session).list(); });
    return Response::json(200, wire::to_json(users));
  });
}

}  // namespace kanal::api
