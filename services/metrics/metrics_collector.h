#pragma once
// kanald's collection of likes and followers: per connected account, its
// followers and the network's account-level counts each hour, and each
// published variant's likes, shares, replies and impressions on the
// decaying schedule of kanal::analytics — read through the plugins and
// stored as time series.
//   - a network that limits the rate is left alone until it says it may
//     be asked again; one that fails is asked again later; a post that
//     fails is put off alone; nothing is lost, the readings simply come
//     late (and overdue ones count as one);
//   - a figure the network no longer gives is stored "not available";
//   - a post gone from the network keeps its last figures.

#include <Poco/Logger.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/domain.h"
#include "core/time.h"
#include "networks/plugin_registry.h"
#include "store/database.h"
#include "store/metrics_repository.h"
#include "store/secret_box.h"

namespace kanal::metrics {

struct CollectorOptions {
  std::chrono::seconds every{60};  // how often it looks for what is due
  int posts_per_round = 40;        // per account, so a network is asked in small batches
  std::chrono::seconds network_timeout{30};
  std::chrono::minutes retry_after_failure{5};
};

struct CollectionReport {
  int accounts_read = 0;
  int posts_read = 0;
  std::vector<std::string> problems;  // per account, in words
};

class MetricsCollector {
 public:
  MetricsCollector(networks::PluginRegistry& plugins, store::Database& db, const store::SecretBox& secrets,
                   const Clock& clock, Poco::Logger& logger, CollectorOptions options = {},
                   std::function<void(Timestamp)> after_round = {});
  ~MetricsCollector();
  MetricsCollector(const MetricsCollector&) = delete;
  MetricsCollector& operator=(const MetricsCollector&) = delete;

  void start();
  void stop();
  void wake();
  // Reads what is due now, every account; with a `wait` (a person asking),
  // gives up after that long when a round is already under way.
  CollectionReport collect_now(std::optional<std::chrono::seconds> wait = std::nullopt);

 private:
  void run();
  void collect_account(const Account& account, Timestamp now, CollectionReport& report);
  void read_account(plugin::Network& network, const plugin::Connection& connection, const Account& account,
                    Timestamp now, CollectionReport& report);
  void read_posts(plugin::Network& network, const plugin::Connection& connection, const Account& account, Timestamp now,
                  CollectionReport& report);
  // Stores what the plugin read for `due`, matched by network id.
  void record_posts(const std::vector<store::DuePost>& due, const std::vector<plugin::PostMetrics>& figures,
                    Timestamp now, CollectionReport& report);
  // A network that refused or failed is not asked again until then.
  void back_off(const Account& account, const plugin::NetworkError& error, Timestamp now);

  networks::PluginRegistry& plugins_;
  store::Database& db_;
  const store::SecretBox& secrets_;
  const Clock& clock_;
  Poco::Logger& logger_;
  CollectorOptions options_;
  std::function<void(Timestamp)> after_round_;  // e.g. the monthly report

  std::timed_mutex collect_mutex_;                // one round at a time
  std::map<std::int64_t, Timestamp> not_before_;  // per account, after a rate limit or failure
  std::mutex mutex_;
  std::condition_variable wake_cv_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kanal::metrics
