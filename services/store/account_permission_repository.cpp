#include "store/account_permission_repository.h"

#include <Poco/Data/Statement.h>

#include <algorithm>

#include "store/comma_list.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
std::vector<AccountGrant> AccountPermissionRepository::list(AccountId account) {
  Int64 key = account.value;
  std::vector<Int64> users;
  std::vector<std::string> capabilities;
  session_ << "SELECT user_id, capabilities FROM account_permissions WHERE account_id = $1 ORDER BY user_id",
      into(users), into(capabilities), use(key), now;
  std::vector<AccountGrant> grants;
  for (std::size_t i = 0; i < users.size(); ++i) {
    const auto items = comma_items(capabilities[i]);
    grants.push_back({UserId{users[i]}, std::set<std::string>(items.begin(), items.end())});
  }
  return grants;
}

void AccountPermissionRepository::replace(AccountId account, const std::vector<AccountGrant>& grants) {
  Int64 key = account.value;
  session_ << "DELETE FROM account_permissions WHERE account_id = $1", use(key), now;
  for (const auto& grant : grants) {
    Int64 user = grant.user.value;
    std::string capabilities =
        comma_list(std::vector<std::string>(grant.capabilities.begin(), grant.capabilities.end()));
    session_ << "INSERT INTO account_permissions (account_id, user_id, capabilities) VALUES ($1, $2, $3)", use(key),
        use(user), use(capabilities), now;
  }
}

std::vector<AccountId> AccountPermissionRepository::kept_for(UserId user) {
  Int64 key = user.value;
  std::vector<Int64> accounts;
  std::vector<std::string> capabilities;
  session_ << "SELECT account_id, capabilities FROM account_permissions WHERE user_id = $1 ORDER BY account_id",
      into(accounts), into(capabilities), use(key), now;
  std::vector<AccountId> kept;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const auto items = comma_items(capabilities[i]);
    if (std::find(items.begin(), items.end(), "publish") != items.end()) kept.push_back(AccountId{accounts[i]});
  }
  return kept;
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
