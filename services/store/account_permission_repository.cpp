#include "store/account_permission_repository.h"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

std::set<std::string> split(const std::string& text) {
  std::set<std::string> items;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) items.insert(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

}  // namespace

std::vector<AccountGrant> AccountPermissionRepository::list(AccountId account) {
  Int64 key = account.value;
  std::vector<Int64> users;
  std::vector<std::string> capabilities;
  session_ << "SELECT user_id, capabilities FROM account_permissions WHERE account_id = $1 ORDER BY user_id",
      into(users), into(capabilities), use(key), now;
  std::vector<AccountGrant> grants;
  for (std::size_t i = 0; i < users.size(); ++i) grants.push_back({UserId{users[i]}, split(capabilities[i])});
  return grants;
}

void AccountPermissionRepository::replace(AccountId account, const std::vector<AccountGrant>& grants) {
  Int64 key = account.value;
  session_ << "DELETE FROM account_permissions WHERE account_id = $1", use(key), now;
  for (const auto& grant : grants) {
    Int64 user = grant.user.value;
    std::string capabilities;
    for (const auto& capability : grant.capabilities) capabilities += (capabilities.empty() ? "" : ",") + capability;
    session_ << "INSERT INTO account_permissions (account_id, user_id, capabilities) VALUES ($1, $2, $3)", use(key),
        use(user), use(capabilities), now;
  }
}

bool AccountPermissionRepository::allows(AccountId account, UserId user, const std::string& capability) {
  const auto grants = list(account);
  if (grants.empty()) return true;
  for (const auto& grant : grants) {
    if (grant.user == user) return grant.capabilities.count(capability) != 0;
  }
  return false;
}

}  // namespace kanal::store
