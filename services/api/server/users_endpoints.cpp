#include "api/server/users_endpoints.h"

#include <algorithm>

#include "api/wire/users.h"
#include "auth/passwords.h"
#include "core/error.h"
#include "core/json.h"
#include "store/audit_repository.h"
#include "store/session_repository.h"
#include "store/user_repository.h"

namespace kanal::api {
namespace {

void audit(Poco::Data::Session& session, const Request& request, Timestamp at, const char* action, const User& user,
           const std::string& detail) {
  store::AuditRepository(session).append(AuditEvent{0, at, request.user, action, "user", user.id.value, detail});
}

std::string change_detail(const User& user, std::string_view before, std::string_view after) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "login", user.login);
    json::write_string(w, "before", before);
    json::write_string(w, "after", after);
    w.EndObject();
  });
}

void require_good_password(const std::string& password) {
  if (const auto problem = auth::password_problem(password))
    throw Error(ErrorCode::invalid_input, *problem, "password");
}

User require_user(store::UserRepository& users, const Request& request) {
  const UserId id{request.path_id("id", "user")};
  auto user = users.find(id);
  if (!user) throw Error(ErrorCode::not_found, "no user " + std::to_string(id.value));
  return *user;
}

}  // namespace

void add_users_endpoints(Router& router, store::Database& db, const Clock& clock, const auth::SignIn& sign_in) {
  router.add("GET", "/api/v1/users", Permission::read, [&db](const Request&) {
    const auto users = db.read([](Poco::Data::Session& session) { return store::UserRepository(session).list(); });
    return Response::json(200, wire::to_json(users));
  });

  router.add("POST", "/api/v1/users", Permission::admin, [&db, &clock](const Request& request) {
    const auto body = wire::parse_new_user(request.body);
    require_good_password(body.password);
    const auto hash = auth::hash_password(body.password);
    const auto at = clock.now();
    const auto user = db.transact([&](Poco::Data::Session& session) {
      auto created = store::UserRepository(session).create(body.login, body.display_name, body.role, hash, at);
      audit(session, request, at, "user.create", created, change_detail(created, "", to_string(created.role)));
      return created;
    });
    return Response::json(201, wire::to_json(user));
  });

  router.add("PATCH", "/api/v1/users/{id}", Permission::admin, [&db, &clock](const Request& request) {
    const auto changes = wire::parse_user_changes(request.body);
    const auto at = clock.now();
    const auto user = db.transact([&](Poco::Data::Session& session) {
      store::UserRepository users(session);
      const auto before = require_user(users, request);
      auto after = before;
      if (changes.display_name) after.display_name = *changes.display_name;
      if (changes.role) after.role = *changes.role;
      if (changes.disabled) after.disabled = *changes.disabled;
      // Someone must be able to manage the workspace.
      const auto all = users.list();
      const bool admin_left = std::any_of(all.begin(), all.end(), [&](const User& u) {
        const auto& it = u.id == after.id ? after : u;
        return it.role == Role::admin && !it.disabled;
      });
      if (!admin_left) {
        throw Error(ErrorCode::invalid_input, "the workspace needs at least one enabled admin", "role");
      }
      if (after.display_name != before.display_name) {
        users.set_display_name(after.id, after.display_name);
        audit(session, request, at, "user.rename", after,
              change_detail(after, before.display_name, after.display_name));
      }
      if (after.role != before.role) {
        users.set_role(after.id, after.role);
        audit(session, request, at, "user.role_change", after,
              change_detail(after, to_string(before.role), to_string(after.role)));
      }
      if (after.disabled != before.disabled) {
        users.set_disabled(after.id, after.disabled);
        if (after.disabled) store::SessionRepository(session).remove_for_user(after.id);
        audit(session, request, at, after.disabled ? "user.disable" : "user.enable", after,
              change_detail(after, before.disabled ? "disabled" : "enabled", after.disabled ? "disabled" : "enabled"));
      }
      return after;
    });
    return Response::json(200, wire::to_json(user));
  });

  router.add("PUT", "/api/v1/users/{id}/password", Permission::admin, [&db, &clock, &sign_in](const Request& request) {
    const auto password = wire::parse_password(request.body);
    require_good_password(password);
    const auto hash = auth::hash_password(password);
    const auto at = clock.now();
    db.transact([&](Poco::Data::Session& session) {
      store::UserRepository users(session);
      const auto user = require_user(users, request);
      users.set_password_hash(user.id, hash);
      // A reset ends the lock and every session the old password opened.
      sign_in.forgive(session, user.login);
      store::SessionRepository(session).remove_for_user(user.id);
      audit(session, request, at, "user.password_reset", user, change_detail(user, "", ""));
    });
    return Response::empty(204);
  });
}

}  // namespace kanal::api
