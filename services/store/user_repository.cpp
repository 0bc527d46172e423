#include "store/user_repository.h"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

std::optional<User> select_one(Poco::Data::Session& session, const std::string& where, auto& key) {
  std::vector<Int64> id, created;
  std::vector<std::string> login, name, role;
  session << "SELECT id, login, display_name, role, created_at FROM users WHERE " + where, into(id), into(login),
      into(name), into(role), into(created), use(key), now;
  if (id.empty()) return std::nullopt;
  return User{UserId{id[0]}, login[0], name[0], parse_role(role[0]).value_or(Role::officer), from_unix_ms(created[0])};
}

}  // namespace

User UserRepository::ensure(const std::string& login, const std::string& display_name, Role role, Timestamp when) {
  if (auto existing = find_by_login(login)) return *existing;
  std::string login_value = login;
  std::string name = display_name;
  std::string role_name{to_string(role)};
  Int64 at = to_unix_ms(when);
  session_ << "INSERT INTO users (login, display_name, role, created_at) VALUES ($1, $2, $3, $4)", use(login_value),
      use(name), use(role_name), use(at), now;
  return *find_by_login(login);
}

std::optional<User> UserRepository::find(UserId id) {
  Int64 key = id.value;
  return select_one(session_, "id = $1", key);
}

std::optional<User> UserRepository::find_by_login(const std::string& login) {
  std::string key = login;
  return select_one(session_, "login = $1", key);
}

}  // namespace kanal::store
