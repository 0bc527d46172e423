#include "store/user_repository.h"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

std::vector<User> select(Poco::Data::Session& session, const std::string& where, auto& key) {
  std::vector<Int64> id, created;
  std::vector<std::string> login, name, role;
  session << "SELECT id, login, display_name, role, created_at FROM users WHERE " + where + " ORDER BY id", into(id),
      into(login), into(name), into(role), into(created), use(key), now;
  std::vector<User> users;
  for (std::size_t i = 0; i < id.size(); ++i) {
    users.push_back(
        User{UserId{id[i]}, login[i], name[i], parse_role(role[i]).value_or(Role::officer), from_unix_ms(created[i])});
  }
  return users;
}

std::optional<User> select_one(Poco::Data::Session& session, const std::string& where, auto& key) {
  auto users = select(session, where, key);
  if (users.empty()) return std::nullopt;
  return users.front();
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

std::vector<User> UserRepository::list() {
  Int64 none = 0;
  return select(session_, "id > $1", none);
}

std::optional<User> UserRepository::find_by_login(const std::string& login) {
  std::string key = login;
  return select_one(session_, "login = $1", key);
}

}  // namespace kanal::store
