#include "support/team.h"

namespace kanal::test {

Team::Team(const KanaldProcess& kanald)
    : url_(kanald.endpoint().url), admin_(std::make_unique<client::ApiClient>(kanald.endpoint())) {}

client::ApiClient& Team::add(const std::string& login, Role role) {
  admin_->create_user(wire::NewUser{login, "Test " + login, role, password_of(login)}).get();
  const auto session = admin_->sign_in(login, password_of(login)).get();
  auto api = std::make_unique<client::ApiClient>(client::Endpoint{url_, session.token});
  auto& member = members_[login] = Member{session.user, std::move(api)};
  return *member.api;
}

}  // namespace kanal::test
