#pragma once

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

class UserRepository {
 public:
  explicit UserRepository(Poco::Data::Session& session) : session_(session) {}

  // The user with this login, created with the given name and role if new.
  User ensure(const std::string& login, const std::string& display_name, Role role, Timestamp when);
  // A new user; throws invalid_input when the login is taken.
  User create(const std::string& login, const std::string& display_name, Role role, const std::string& password_hash,
              Timestamp when);
  std::optional<User> find(UserId id);
  std::optional<User> find_by_login(const std::string& login);
  std::vector<User> list();

  void set_role(UserId id, Role role);
  void set_display_name(UserId id, const std::string& name);
  void set_disabled(UserId id, bool disabled);
  // An Argon2id string (auth/passwords.h); empty: no password sign-in.
  void set_password_hash(UserId id, const std::string& hash);
  std::string password_hash(UserId id);

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
