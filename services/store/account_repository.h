#pragma once

#include <Poco/Data/Session.h>

#include <optional>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

class AccountRepository {
 public:
  explicit AccountRepository(Poco::Data::Session& session) : session_(session) {}

  Account create(const Account& account, Timestamp when);
  std::optional<Account> find(AccountId id);
  std::vector<Account> list();

 private:
  std::vector<Account> select(const std::string& where, Poco::Int64 key);

  Poco::Data::Session& session_;
};

}  // namespace kanal::store
