#pragma once
// Signed-in sessions (only a hash of each token is kept) and the failed
// sign-ins in a row per login that slow down and lock further attempts.

#include <Poco/Data/Session.h>

#include <chrono>
#include <optional>
#include <string>

#include "core/domain.h"

namespace kanal::store {

struct SignInFailures {
  std::int64_t count = 0;  // in a row, since the last success or reset
  Timestamp locked_until;  // epoch: not locked
};

class SessionRepository {
 public:
  explicit SessionRepository(Poco::Data::Session& session) : session_(session) {}

  void create(const std::string& token_hash, UserId user, Timestamp created, Timestamp expires);
  // The user of an unexpired session.
  std::optional<UserId> user_of(const std::string& token_hash, Timestamp now);
  void remove(const std::string& token_hash);
  void remove_for_user(UserId user);
  void remove_expired(Timestamp now);

  SignInFailures failures(const std::string& login);
  // One more failure in a row, counted in the database (guesses made at
  // the same time all count); from the `lock_after`-th, locked until
  // `at + lock_for`. The count and lock after it.
  SignInFailures record_failure(const std::string& login, Timestamp at, std::int64_t lock_after,
                                std::chrono::milliseconds lock_for);
  void clear_failures(const std::string& login);

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
