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
  std::int64_t count = 0;    // recent ones: older failures are forgiven one by one as time passes
  Timestamp locked_until;    // epoch: not locked
  std::int64_t refused = 0;  // attempts refused during the present lock
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

  // `key`: the row of a login (a keyed hash of it, auth/sign_in.h).
  SignInFailures failures(const std::string& key);
  // One more failure, counted in the database (guesses made at the same
  // time all count) after forgiving one for each `forgive_every` since the
  // last (a sliding window that decays); from the `lock_after`-th, locked
  // until `at + lock_for`. The count and lock after it. Rows whose lock
  // ended and whose failures are all forgiven are removed.
  SignInFailures record_failure(const std::string& key, Timestamp at, std::int64_t lock_after,
                                std::chrono::milliseconds lock_for, std::chrono::milliseconds forgive_every);
  // An attempt refused while locked; the count of them during this lock.
  std::int64_t record_refusal(const std::string& key);
  void clear_failures(const std::string& key);

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
