#include "networks/account_keeper.h"

#include "core/error.h"
#include "networks/connection.h"
#include "networks/credentials_json.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/outbox_repository.h"

namespace kanal::networks {

AccountKeeper::AccountKeeper(PluginRegistry& plugins, store::Database& db, const store::SecretBox& secrets,
                             const Clock& clock, Poco::Logger& logger, std::function<void()> on_recovered,
                             AccountKeeperOptions options)
    : plugins_(plugins),
      db_(db),
      secrets_(secrets),
      clock_(clock),
      logger_(logger),
      on_recovered_(std::move(on_recovered)),
      options_(options) {}

AccountKeeper::~AccountKeeper() { stop(); }

void AccountKeeper::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void AccountKeeper::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AccountKeeper::check_now() {
  {
    std::lock_guard lock(mutex_);
    check_requested_ = true;
  }
  wake_cv_.notify_all();
}

void AccountKeeper::run() {
  for (;;) {
    try {
      check_all();
    } catch (const std::exception& e) {
      logger_.error("checking the connected accounts failed: %s", std::string(e.what()));
    }
    std::unique_lock lock(mutex_);
    wake_cv_.wait_for(lock, options_.check_every, [this] { return stopping_ || check_requested_; });
    if (stopping_) return;
    check_requested_ = false;
  }
}

void AccountKeeper::check_all() {
  const auto accounts = db_.read([](Poco::Data::Session& session) { return store::AccountRepository(session).list(); });
  for (const auto& account : accounts) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (account.health == AccountHealth::disconnected) continue;
    try {
      check(account);
    } catch (const std::exception& e) {
      logger_.warning("checking %s failed: %s", account.handle, std::string(e.what()));
    }
  }
}

void AccountKeeper::check(const Account& account) {
  auto* network = plugins_.find(account.network);
  if (network == nullptr) return;
  const auto sealed = db_.read(
      [&](Poco::Data::Session& session) { return store::AccountRepository(session).sealed_credentials(account.id); });
  if (!sealed) return;
  plugin::Connection connection{account.instance_url, account.network_account_id, {}};
  try {
    connection.credentials = credentials_from_json(secrets_.open(*sealed));
  } catch (const Error& e) {
    mark(account, *sealed, AccountHealth::needs_reauthorization, e.detail());  // sealed with another key
    return;
  }
  std::string checked = *sealed;  // what this check found; a reconnection meanwhile wins
  const auto& expires_at = connection.credentials.expires_at;
  if (expires_at && *expires_at - clock_.now() < options_.renew_before &&
      !renew(account, *network, connection, checked)) {
    return;
  }
  try {
    const auto metrics = await(network->account_metrics(connection), options_.network_timeout);
    db_.transact([&](Poco::Data::Session& session) {
      if (metrics.followers) store::AccountRepository(session).set_followers(account.id, *metrics.followers);
    });
    mark(account, checked, AccountHealth::ok, "");
  } catch (const plugin::NetworkError& e) {
    switch (e.kind()) {
      case plugin::FailureKind::auth_expired:
        // A token may die before its time (revoked, or the server forgot it): renewing may still work.
        if (connection.credentials.renewable && renew(account, *network, connection, checked)) return;
        mark(account, checked, AccountHealth::needs_reauthorization, e.reason());
        break;
      case plugin::FailureKind::rate_limited: mark(account, checked, AccountHealth::rate_limited, e.reason()); break;
      default: logger_.information("%s could not be checked now: %s", account.handle, e.reason());
    }
  }
}

bool AccountKeeper::renew(const Account& account, plugin::Network& network, plugin::Connection& connection,
                          std::string& sealed) {
  try {
    connection.credentials = await(network.refresh(connection), options_.network_timeout);
  } catch (const plugin::NetworkError& e) {
    if (e.kind() == plugin::FailureKind::auth_expired) {
      mark(account, sealed, AccountHealth::needs_reauthorization, e.reason());
    } else {
      logger_.warning("renewing the token of %s failed, will try again: %s", account.handle, e.reason());
    }
    return false;
  }
  const auto renewed = secrets_.seal(credentials_to_json(connection.credentials));
  const auto now = clock_.now();
  const bool stored = db_.transact([&](Poco::Data::Session& session) {
    if (!store::AccountRepository(session).replace_credentials(account.id, sealed, renewed)) return false;
    store::AuditRepository(session).append(
        AuditEvent{0, now, std::nullopt, "account.token_renewed", "account", account.id.value, "{}"});
    return true;
  });
  if (!stored) return false;  // reconnected or disconnected meanwhile: that stands
  sealed = renewed;
  logger_.information("renewed the access token of %s", account.handle);
  mark(account, sealed, AccountHealth::ok, "");
  return true;
}

void AccountKeeper::mark(const Account& account, const std::string& checked, AccountHealth health,
                         const std::string& detail) {
  const bool recovered = health == AccountHealth::ok;
  const auto now = clock_.now();
  const bool changed = db_.transact([&](Poco::Data::Session& session) {
    store::AccountRepository accounts(session);
    const auto current = accounts.find(account.id);
    // What was checked is no longer there (reconnected, disconnected): the check says nothing now.
    if (!current || current->health == AccountHealth::disconnected ||
        accounts.sealed_credentials(account.id) != checked) {
      return false;
    }
    if (current->health == health && current->health_detail == detail) return false;
    accounts.set_health(account.id, health, detail);
    if (recovered) store::OutboxRepository(session).make_due_now(account.id, now);
    AuditEvent event{0, now, std::nullopt, "account.health", "account", account.id.value, {}};
    event.detail = std::string(R"({"health":")") + std::string(to_string(health)) + "\"}";
    store::AuditRepository(session).append(event);
    return true;
  });
  if (!changed) return;
  if (health == AccountHealth::needs_reauthorization) {
    logger_.warning("%s needs to be connected again: %s", account.handle, detail);
  }
  if (recovered && on_recovered_) on_recovered_();
}

}  // namespace kanal::networks
