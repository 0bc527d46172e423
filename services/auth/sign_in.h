#pragma once
// Who is calling: sign-in with a password, sessions that expire, and the
// slow-down and lock-out that make guessing passwords useless. The local
// workspace token (its file is readable only by the OS user) acts as that
// user without a password.

#include <chrono>
#include <optional>
#include <string>

#include "core/domain.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::auth {

struct SignInOptions {
  std::chrono::seconds session_lifetime{12 * 3600};
  int lock_after_failures = 5;
  std::chrono::seconds lock_for{15 * 60};
  // Each failure in a row makes the next answer this much slower (at most 2 s).
  std::chrono::milliseconds delay_per_failure{200};
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
  // same for an unknown login) or too_many_attempts (locked, with until
  // when). Failures are answered slowly. Audited either way.
  Session sign_in(const std::string& login, const std::string& password);
  void sign_out(const std::string& token);
  // The caller a bearer token stands for; Error unauthorized otherwise.
  Caller authenticate(const std::string& token) const;

  const SignInOptions& options() const { return options_; }

 private:
  store::Database& db_;
  const Clock& clock_;
  SignInOptions options_;
  std::string workspace_token_;
  UserId workspace_owner_;
};

}  // namespace kanal::auth
