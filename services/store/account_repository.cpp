#include "store/account_repository.h"

#include "core/error.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {

Account AccountRepository::create(const Account& account, Timestamp when) {
  std::string network = account.network;
  std::string handle = account.handle;
  std::string name = account.display_name;
  Int64 at = to_unix_ms(when);
  Int64 id = 0;
  session_ << "INSERT INTO accounts (network, handle, display_name, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
      use(network), use(handle), use(name), use(at), into(id), now;
  auto created = find(AccountId{id});
  if (!created) throw Error(ErrorCode::internal, "an account just created could not be read back");
  return *created;
}

std::optional<Account> AccountRepository::find(AccountId id) {
  auto rows = select("WHERE id = $1", id.value);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Account> AccountRepository::list() { return select("WHERE id > $1", 0); }

std::vector<Account> AccountRepository::select(const std::string& where, Int64 key) {
  std::vector<Int64> id, created;
  std::vector<std::string> network, handle, name;
  session_ << "SELECT id, network, handle, display_name, created_at FROM accounts " + where + " ORDER BY id", into(id),
      into(network), into(handle), into(name), into(created), use(key), now;
  std::vector<Account> accounts;
  for (std::size_t i = 0; i < id.size(); ++i) {
    accounts.push_back(Account{AccountId{id[i]}, network[i], handle[i], name[i], from_unix_ms(created[i])});
  }
  return accounts;
}

}  // namespace kanal::store
