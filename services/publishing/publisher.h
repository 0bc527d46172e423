#pragma once
// kanald's publisher: takes due outbox rows, publishes them through the
// network plugins (many at once; a per-account limit; nothing waits on a slow
// network), and records every outcome so that each post reaches each account
// exactly once:
//   transient         → retry with exponential backoff and jitter
//   rate_limited      → wait until the network's reset time
//   unknown_outcome   → resolve before any new post: resend with the same
//                       idempotency key while the network keeps it; after
//                       its idempotency window, look for the post on the
//                       account first (found → published, not found →
//                       resend); where the network cannot tell, a person
//                       decides (`undecided`)
//   rejected          → fail with the network's reason
//   auth_expired      → the account needs re-authorising; its posts wait
// Accounts under a crisis pause or in a blackout window send nothing: each
// attempt checks in the transaction that marks it in flight.
// Each attempt is claimed for a lease, renewed while it is under way: rows
// this kanald left in flight (a crash) are unknown at its next start; those
// of another kanald on the same database only once their lease has lapsed.
// An outcome that cannot be recorded (a full disk) is kept and recorded
// again until it is.

#include <Poco/Logger.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/time.h"
#include "networks/plugin_registry.h"
#include "store/database.h"
#include "store/outbox_repository.h"
#include "store/secret_box.h"

namespace kanal::publishing {

struct PublisherOptions {
  int per_account_limit = 4;
  int max_attempts = 8;
  std::chrono::milliseconds idle_poll{500};
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::milliseconds max_backoff{std::chrono::minutes(5)};
  std::string instance = "kanald";  // this kanald's claims (stable across its restarts)
  std::chrono::milliseconds lease{std::chrono::minutes(2)};
  // Per network id, over its descriptor's idempotency window.
  std::map<std::string, std::chrono::seconds> idempotency_windows;
};

class Publisher {
 public:
  // `auth_expired` hears when a network refused an account's token, so the
  // token can be renewed (or the account marked) at once.
  Publisher(store::Database& db, networks::PluginRegistry& plugins, const store::SecretBox& secrets, const Clock& clock,
            Poco::Logger& logger, std::function<void()> auth_expired, PublisherOptions options = {});
  ~Publisher();
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;

  void start();
  // Stops taking new work and waits (bounded) for attempts in flight.
  void stop();
  // New work is due: look now rather than at the next poll.
  void wake();
  // Waits (up to `limit`) until no request is under way to an account that
  // `held` holds back; false if one still is. After a pause is recorded,
  // this returning true means nothing more reaches those networks.
  bool wait_until_quiet(const std::function<bool(AccountId)>& held, std::chrono::milliseconds limit);

 private:
  struct Completed {
    store::Delivery delivery;
    std::exception_ptr error;  // null: published (or looked up)
    plugin::Published published;
    std::vector<std::string> sent_texts;                  // each part as sent, when press contacts' handles changed it
    std::optional<std::vector<plugin::Published>> found;  // a look-up's answer: the posts that could be it
  };

  void run();
  void dispatch();
  void begin(store::Delivery delivery);
  void record(Completed& completed);
  void record_attempt(Completed& completed);
  void record_lookup(Completed& completed);
  // An unknown outcome older than the network's idempotency window.
  bool key_may_be_forgotten(const store::Delivery& delivery, const plugin::Network& plugin) const;
  void keep_claims();
  using AccountHealthChange = std::pair<AccountHealth, std::string>;  // the health, and why
  void settle(store::Delivery& delivery, const std::string& error,
              const std::optional<AccountHealthChange>& health = std::nullopt,
              const std::vector<std::string>& sent_texts = {});
  std::chrono::milliseconds backoff(std::int64_t attempts);

  store::Database& db_;
  networks::PluginRegistry& plugins_;
  const store::SecretBox& secrets_;
  const Clock& clock_;
  Poco::Logger& logger_;
  std::function<void()> auth_expired_;
  PublisherOptions options_;

  std::mutex mutex_;
  std::condition_variable wake_cv_;
  std::condition_variable quiet_cv_;  // a request finished
  bool stopping_ = false;
  bool woken_ = false;
  std::deque<Completed> completed_;
  std::deque<Completed> unrecorded_;  // outcomes the database refused, recorded again each round
  std::chrono::steady_clock::time_point claims_kept_at_;
  std::set<std::int64_t> in_flight_;
  std::map<std::int64_t, int> in_flight_per_account_;
  std::thread thread_;
};

// The post's state follows its deliveries: published when all are, failed
// when one failed and none is still under way, publishing otherwise.
PostState post_state_from(const std::vector<store::Delivery>& deliveries);

}  // namespace kanal::publishing
