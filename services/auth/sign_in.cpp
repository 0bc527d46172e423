#include "auth/sign_in.h"

#include <sodium.h>

#include <algorithm>

#include "auth/passwords.h"
#include "core/error.h"
#include "core/json.h"
#include "store/audit_repository.h"
#include "store/session_repository.h"
#include "store/sha256.h"
#include "store/user_repository.h"

namespace kanal::auth {
namespace {

std::string new_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string("kns_") + hex;
}

bool same_secret(const std::string& given, const std::string& expected) {
  if (expected.empty() || given.size() != expected.size()) return false;
  return sodium_memcmp(given.data(), expected.data(), given.size()) == 0;
}

// Verifying against this when the login is unknown keeps both answers
// equally slow, so timing does not tell which logins exist.
const std::string& decoy_hash() {
  static const std::string hash = hash_password("kanal-decoy-password");
  return hash;
}

std::string sign_in_detail(const std::string& login, std::int64_t failures, Timestamp locked_until) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "login", login);
    w.Key("failures_in_a_row");
    w.Int64(failures);
    if (locked_until.time_since_epoch().count() != 0) json::write_string(w, "locked_until", to_iso8601(locked_until));
    w.EndObject();
  });
}

Error locked_error(const std::string& login, Timestamp until, Timestamp now) {
  return Error(ErrorCode::too_many_attempts, "sign-in as '" + login +
                                                 "' is locked after too many failed attempts, until " +
                                                 to_iso8601(until) + "; an admin can reset the password sooner")
      .with_retry_after(std::chrono::ceil<std::chrono::seconds>(until - now));
}

// The row a login's failures are counted in: its hash keyed with a key of
// the workspace's, the same way for every login.
std::string failure_row(const std::array<unsigned char, 32>& key, const std::string& login) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(login.data()), login.size(), key.data(),
                     key.size());
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

}  // namespace

SignIn::SignIn(store::Database& db, const Clock& clock, SignInOptions options, std::string workspace_token,
               UserId workspace_owner)
    : db_(db),
      clock_(clock),
      options_(options),
      workspace_token_(std::move(workspace_token)),
      workspace_owner_(workspace_owner) {}

Session SignIn::sign_in(const std::string& login, const std::string& password) {
  const auto now = clock_.now();
  struct Known {
    store::SignInFailures failures;
    std::optional<User> user;
    std::string hash;
  };
  const auto known = db_.read([&](Poco::Data::Session& session) {
    Known k{{}, store::UserRepository(session).find_by_login(login), {}};
    k.failures = store::SessionRepository(session).failures(failure_row(options_.failure_key, login));
    if (k.user) k.hash = store::UserRepository(session).password_hash(k.user->id);
    return k;
  });
  const std::optional<UserId> actor = known.user ? std::optional(known.user->id) : std::nullopt;
  const auto key = failure_row(options_.failure_key, login);
  if (known.failures.locked_until > now) {
    db_.transact([&](Poco::Data::Session& session) {
      // The first refusal of a lock is on record; the rest are counted with it.
      if (store::SessionRepository(session).record_refusal(key) == 1 && actor) {
        store::AuditRepository(session).append(
            AuditEvent{0, now, actor, "session.sign_in_refused", "user", actor->value,
                       sign_in_detail(login, known.failures.count, known.failures.locked_until)});
      }
    });
    throw locked_error(login, known.failures.locked_until, now);
  }

  // A login without a password (the OS user of a local workspace) costs the
  // same time as any other: timing tells nothing.
  const bool has_password = known.user && !known.hash.empty();
  const bool verified = verify_password(has_password ? known.hash : decoy_hash(), password) && has_password;
  if (!verified || known.user->disabled) {
    const auto recorded = db_.transact([&](Poco::Data::Session& session) {
      const auto counted = store::SessionRepository(session).record_failure(
          key, now, options_.lock_after_failures, options_.lock_for, options_.lock_for / options_.lock_after_failures);
      if (actor) {
        store::AuditRepository(session).append(AuditEvent{0, now, actor, "session.sign_in_failed", "user", actor->value,
                                                          sign_in_detail(login, counted.count, counted.locked_until)});
      }
      return counted;
    });
    if (recorded.locked_until > now) throw locked_error(login, recorded.locked_until, now);
    throw Error(ErrorCode::unauthorized, "wrong login or password");
  }

  Session session{new_token(), *known.user, now + options_.session_lifetime};
  db_.transact([&](Poco::Data::Session& db_session) {
    store::SessionRepository sessions(db_session);
    sessions.clear_failures(failure_row(options_.failure_key, login));
    sessions.remove_expired(now);
    sessions.create(store::sha256_hex(session.token), session.user.id, now, session.expires_at);
    store::AuditRepository(db_session)
        .append(AuditEvent{0, now, session.user.id, "session.sign_in", "user", session.user.id.value,
                           sign_in_detail(login, 0, Timestamp{})});
  });
  return session;
}

void SignIn::forgive(Poco::Data::Session& session, const std::string& login) const {
  store::SessionRepository(session).clear_failures(failure_row(options_.failure_key, login));
}

void SignIn::sign_out(const std::string& token) {
  db_.transact(
      [&](Poco::Data::Session& session) { store::SessionRepository(session).remove(store::sha256_hex(token)); });
}

void SignIn::rotate_workspace_token(UserId by, const std::function<void(const std::string&)>& write_file) {
  // Whoever holds the token's file is the owner: nobody else gains by
  // rotating it, and an admin elsewhere must not lock the owner out.
  if (by != workspace_owner_)
    throw Error(ErrorCode::forbidden, "only this desktop's owner can rotate its workspace token");
  const std::lock_guard rotating(rotation_mutex_);
  const auto token = new_token();
  try {
    db_.transact([&](Poco::Data::Session& session) {
      store::AuditRepository(session).append(
          AuditEvent{0, clock_.now(), by, "workspace.token_rotated", "user", by.value, "{}"});
      write_file(token);
    });
  } catch (...) {
    const std::lock_guard lock(token_mutex_);
    write_file(workspace_token_);  // the file and kanald agree again
    throw;
  }
  const std::lock_guard lock(token_mutex_);
  workspace_token_ = token;
}

Caller SignIn::authenticate(const std::string& token) const {
  const bool is_workspace_token = [&] {
    const std::lock_guard lock(token_mutex_);
    return same_secret(token, workspace_token_);
  }();
  if (is_workspace_token) {
    auto owner =
        db_.read([&](Poco::Data::Session& session) { return store::UserRepository(session).find(workspace_owner_); });
    if (owner && !owner->disabled) return Caller{*owner, true};
    throw Error(ErrorCode::unauthorized, "the workspace owner is disabled; an admin can enable them");
  }
  const auto now = clock_.now();
  auto user = db_.read([&](Poco::Data::Session& session) -> std::optional<User> {
    const auto id = store::SessionRepository(session).user_of(store::sha256_hex(token), now);
    return id ? store::UserRepository(session).find(*id) : std::nullopt;
  });
  if (!user)
    throw Error(ErrorCode::unauthorized, "the access token is not valid, or the session has expired; sign in again");
  if (user->disabled) throw Error(ErrorCode::unauthorized, "the user " + user->login + " is disabled");
  return Caller{*user, false};
}

}  // namespace kanal::auth
