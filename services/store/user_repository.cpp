#include "store/user_repository.h"

#include <Poco/Data/Statement.h>

#include "core/error.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

std::vector<User> select(Poco::Data::Session& session, const std::string& where, auto& key) {
  std::vector<Int64> id, created, disabled;
  std::vector<std::string> login, name, role;
  session << "SELECT id, login, display_name, role, created_at, disabled FROM users WHERE " + where + " ORDER BY id",
      into(id), into(login), into(name), into(role), into(created), into(disabled), use(key), now;
  std::vector<User> users;
  for (std::size_t i = 0; i < id.size(); ++i) {
    users.push_back(User{UserId{id[i]}, login[i], name[i], parse_role(role[i]).value_or(Role::officer),
                         from_unix_ms(created[i]), disabled[i] != 0});
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
  return create(login, display_name, role, std::string(), when);
}

User UserRepository::create(const std::string& login, const std::string& display_name, Role role,
                            const std::string& password_hash, Timestamp when) {
  if (find_by_login(login)) throw Error(ErrorCode::invalid_input, "the login '" + login + "' is taken", "login");
  std::string login_value = login;
  std::string name = display_name;
  std::string role_name{to_string(role)};
  std::string hash = password_hash;
  Int64 at = to_unix_ms(when);
  session_ << "INSERT INTO users (login, display_name, role, created_at, password_hash) VALUES ($1, $2, $3, $4, $5)",
      use(login_value), use(name), use(role_name), use(at), use(hash), now;
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

void UserRepository::set_role(UserId id, Role role) {
  std::string name{to_string(role)};
  Int64 key = id.value;
  session_ << "UPDATE users SET role = $1 WHERE id = $2", use(name), use(key), now;
}

void UserRepository::set_display_name(UserId id, const std::string& name) {
  std::string value = name;
  Int64 key = id.value;
  session_ << "UPDATE users SET display_name = $1 WHERE id = $2", use(value), use(key), now;
}

void UserRepository::set_disabled(UserId id, bool disabled) {
  Int64 value = disabled ? 1 : 0;
  Int64 key = id.value;
  session_ << "UPDATE users SET disabled = $1 WHERE id = $2", use(value), use(key), now;
}

void UserRepository::set_password_hash(UserId id, const std::string& hash) {
  std::string value = hash;
  Int64 key = id.value;
  session_ << "UPDATE users SET password_hash = $1 WHERE id = $2", use(value), use(key), now;
}

std::string UserRepository::password_hash(UserId id) {
  std::string hash;
  Int64 key = id.value;
  session_ << "SELECT password_hash FROM users WHERE id = $1", into(hash), use(key), now;
  return hash;
}

}  // namespace kanal::store
