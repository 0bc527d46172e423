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
  std::optional<User> find(UserId id);
  std::optional<User> find_by_login(const std::string& login);
  std::vector<User> list();

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
