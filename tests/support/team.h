#pragma once
// The people of a test workspace: the workspace owner (an admin, signed in
// by the local token) adds users with roles, and each signs in with a
// password into a client of their own.

#include <map>
#include <memory>
#include <string>

#include "api/client/api_client.h"
#include "support/kanald_process.h"

namespace kanal::test {

class Team {
 public:
  explicit Team(const KanaldProcess& kanald);

  client::ApiClient& admin() { return *admin_; }
  // Creates `login` with `role` and signs them in; their client.
  client::ApiClient& add(const std::string& login, Role role);
  client::ApiClient& operator[](const std::string& login) { return *members_.at(login).api; }
  const User& user(const std::string& login) const { return members_.at(login).user; }
  static std::string password_of(const std::string& login) { return "a long password for " + login; }

 private:
  struct Member {
    User user;
    std::unique_ptr<client::ApiClient> api;
  };
  std::string url_;
  std::unique_ptr<client::ApiClient> admin_;
  std::map<std::string, Member> members_;
};

}  // namespace kanal::test
