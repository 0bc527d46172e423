#pragma once
// Connected accounts. Credentials are stored only sealed (see secret_box.h);
// this repository never sees them in the clear.

#include <Poco/Data/Session.h>

#include <optional>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

class AccountRepository {
 public:
  explicit AccountRepository(Poco::Data::Session& session) : session_(session) {}

  Account create(const Account& account, Timestamp when);
  // Connects (or reconnects) the account: the same network id on the same
  // server is the same account (its handle may have changed). Throws
  // Error(invalid_input) when the handle is another account's, connected
  // already; a disconnected one gives its handle up.
  Account connect(const Account& account, const std::string& sealed_credentials, Timestamp when);
  std::optional<Account> find(AccountId id);
  std::vector<Account> list();
  std::optional<std::string> sealed_credentials(AccountId id);
  void set_health(AccountId id, AccountHealth health, const std::string& detail);
  void set_followers(AccountId id, std::int64_t followers);
  // Renewed credentials (a refreshed token), stored only if the account
  // still has the ones they were renewed from — not if a person reconnected
  // it meanwhile. False when they were not stored.
  bool replace_credentials(AccountId id, const std::string& renewed_from, const std::string& sealed_credentials);
  // Forgets the credentials; the row stays for the records.
  void disconnect(AccountId id);

 private:
  std::vector<Account> select(const std::string& where, Poco::Int64 key);

  Poco::Data::Session& session_;
};

}  // namespace kanal::store
