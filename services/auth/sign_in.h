#pragma once
// Who is calling: sign-in with a password, sessions that expire, and the
// slow-down and lock-out that make guessing passwords useless. The local
// workspace token (its file is readable only by the OS user) acts as that
// user without a password.

#include <Poco/Data/Session.h>

#include <array>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "core/domain.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::auth {

struct SignInOptions {
  std::chrono::seconds session_lifetime{12 * 3600};
  // Five failures within a quarter of an hour lock a login for a quarter of
  // an hour; each failure is forgiven lock_for / lock_after_failures after
  // the last one (a sliding window that decays).
  int lock_after_failures = 5;
  std::chrono::seconds lock_for{15 * 60};
  // Keys the rows failures are counted in (a keyed hash of the login, the
  // same for every login), so the table holds no login anyone guessed and
  // tells nobody which exist. kanald derives it from the workspace key.
  std::array<unsigned char, 32> failure_key{};
};

struct Session {
  std::string token;  // shown once; kanald keeps only its hash
  User user;
  Timestamp expires_at;
};

struct Caller {
  User user;
  bool workspace_owner = false;  // came with the local workspace token
};

class SignIn {
 public:
  SignIn(store::Database& db, const Clock& clock, SignInOptions options, std::string workspace_token,
         UserId workspace_owner);

  // A new session, or Error unauthorized ("wrong login or password", the
  // same for an unknown login) or too_many_attempts (locked: answered at
  // once, with Retry-After, before any password is checked). Every login,
  // known or not, is counted and locked alike, in a row named by its keyed
  // hash that is removed once its failures are forgiven; unknown logins are
  // not put on the trail, so guessing at logins grows neither for long. A
  // known login's failures, its lock and the first attempt refused during
  // it are audited.
  Session sign_in(const std::string& login, const std::string& password);
  void sign_out(const std::string& token);
  // Ends the lock and forgets the failures of `login` (an admin's password
  // reset), in the caller's transaction.
  void forgive(Poco::Data::Session& session, const std::string& login) const;
  // The caller a bearer token stands for; Error unauthorized otherwise.
  Caller authenticate(const std::string& token) const;

  const SignInOptions& options() const { return options_; }
  // A new workspace token, written by `write_file` (the workspace's token
  // file) with the audit event, in one transaction; from then on only it
  // acts as the owner. The desktop's owner alone (`by`): Error(forbidden)
  // otherwise. One rotation at a time; when writing or the commit fails,
  // the file gets the token kanald still takes back.
  void rotate_workspace_token(UserId by, const std::function<void(const std::string&)>& write_file);

 private:
  store::Database& db_;
  const Clock& clock_;
  SignInOptions options_;
  std::mutex rotation_mutex_;  // one rotation at a time
  mutable std::mutex token_mutex_;
  std::string workspace_token_;  // guarded by token_mutex_
  UserId workspace_owner_;
};

}  // namespace kanal::auth
