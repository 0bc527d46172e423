#pragma once
// Who may do what on which account. An account nobody is listed for is open
// to every role as its role allows; once people are listed, only they act
// on it, each with the capabilities listed (draft, publish, approve,
// answer, moderate) — the director's own account is the director's.

#include <Poco/Data/Session.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

class AccountPermissionRepository {
 public:
  explicit AccountPermissionRepository(Poco::Data::Session& session) : session_(session) {}

  // Empty: the account is open to every role.
  std::vector<AccountGrant> list(AccountId account);
  void replace(AccountId account, const std::vector<AccountGrant>& grants);
  // Whether `user` may use `capability` on `account` as far as the account
  // is concerned (their role must allow it too).
  bool allows(AccountId account, UserId user, const std::string& capability);
  // The accounts kept for `user`: listed for a few people, `user` among
  // those who may publish (the director's own account, for the director).
  std::vector<AccountId> kept_for(UserId user);

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
