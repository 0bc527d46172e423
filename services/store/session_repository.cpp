#include "store/session_repository.h"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {

void SessionRepository::create(const std::string& token_hash, UserId user, Timestamp created, Timestamp expires) {
  std::string hash = token_hash;
  Int64 user_id = user.value;
  Int64 created_ms = to_unix_ms(created);
  Int64 expires_ms = to_unix_ms(expires);
  session_ << "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)", use(hash),
      use(user_id), use(created_ms), use(expires_ms), now;
}

std::optional<UserId> SessionRepository::user_of(const std::string& token_hash, Timestamp at) {
  std::string hash = token_hash;
  Int64 now_ms = to_unix_ms(at);
  std::vector<Int64> user;
  session_ << "SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2", into(user), use(hash),
      use(now_ms), now;
  if (user.empty()) return std::nullopt;
  return UserId{user.front()};
}

void SessionRepository::remove(const std::string& token_hash) {
  std::string hash = token_hash;
  session_ << "DELETE FROM sessions WHERE token_hash = $1", use(hash), now;
}

void SessionRepository::remove_for_user(UserId user) {
  Int64 key = user.value;
  session_ << "DELETE FROM sessions WHERE user_id = $1", use(key), now;
}

void SessionRepository::remove_expired(Timestamp at) {
  Int64 now_ms = to_unix_ms(at);
  session_ << "DELETE FROM sessions WHERE expires_at <= $1", use(now_ms), now;
}

SignInFailures SessionRepository::failures(const std::string& key) {
  std::string login = key;
  std::vector<Int64> count, locked, refused;
  session_ << "SELECT failures, locked_until, refused FROM sign_in_failures WHERE login = $1", into(count),
      into(locked), into(refused), use(login), now;
  if (count.empty()) return {};
  return SignInFailures{count.front(), from_unix_ms(locked.front()), refused.front()};
}

SignInFailures SessionRepository::record_failure(const std::string& key, Timestamp at, std::int64_t lock_after,
                                                 std::chrono::milliseconds lock_for,
                                                 std::chrono::milliseconds forgive_every) {
  std::string login = key;
  Int64 at_ms = to_unix_ms(at);
  Int64 forgive_ms = std::max<Int64>(1, forgive_every.count());
  Int64 stale_ms = at_ms - std::max<Int64>(lock_for.count(), forgive_ms * lock_after);
  session_ << "DELETE FROM sign_in_failures WHERE locked_until < $1 AND last_failure_at < $2", use(at_ms),
      use(stale_ms), now;
  session_ << "INSERT INTO sign_in_failures (login, failures, last_failure_at, locked_until, refused) "
              "VALUES ($1, 0, $2, 0, 0) ON CONFLICT (login) DO NOTHING",
      use(login), use(at_ms), now;
  // An update in place: the row lock it takes orders guesses made at the
  // same time, so none is lost.
  session_ << "UPDATE sign_in_failures SET failures = (CASE WHEN failures - ($1 - last_failure_at) / $2 > 0 "
              "THEN failures - ($1 - last_failure_at) / $2 ELSE 0 END) + 1, last_failure_at = $1 WHERE login = $3",
      use(at_ms), use(forgive_ms), use(login), now;
  auto counted = failures(key);
  if (counted.count >= lock_after && counted.locked_until <= at) {
    counted.locked_until = at + lock_for;
    counted.refused = 0;
    Int64 locked_ms = to_unix_ms(counted.locked_until);
    session_ << "UPDATE sign_in_failures SET locked_until = $1, refused = 0 WHERE login = $2", use(locked_ms),
        use(login), now;
  }
  return counted;
}

std::int64_t SessionRepository::record_refusal(const std::string& key) {
  std::string login = key;
  session_ << "UPDATE sign_in_failures SET refused = refused + 1 WHERE login = $1", use(login), now;
  return failures(key).refused;
}

void SessionRepository::clear_failures(const std::string& key) {
  std::string login = key;
  session_ << "DELETE FROM sign_in_failures WHERE login = $1", use(login), now;
}

}  // namespace kanal::store
