#include "metrics/metrics_collector.h"

#include "analytics/sampling.h"
#include "core/utf8.h"
#include "networks/connection.h"
#include "store/account_repository.h"
#include "store/metrics_repository.h"

namespace kanal::metrics {
namespace {

// A count beyond any real audience (past 2^53, where doubles stop counting
// by one) is a broken answer, not a figure: not available.
std::optional<std::int64_t> plausible(std::optional<std::int64_t> count) {
  constexpr std::int64_t kMost = std::int64_t{1} << 53;
  return count && *count <= kMost ? count : std::nullopt;
}

// Failures that are about the account, not one post: the whole account waits.
bool about_the_account(const plugin::NetworkError& error) {
  return error.kind() == plugin::FailureKind::rate_limited || error.kind() == plugin::FailureKind::auth_expired;
}

}  // namespace

MetricsCollector::MetricsCollector(networks::PluginRegistry& plugins, store::Database& db,
                                   const store::SecretBox& secrets, const Clock& clock, Poco::Logger& logger,
                                   CollectorOptions options, std::function<void(Timestamp)> after_round)
    : plugins_(plugins),
      db_(db),
      secrets_(secrets),
      clock_(clock),
      logger_(logger),
      options_(options),
      after_round_(std::move(after_round)) {}

MetricsCollector::~MetricsCollector() { stop(); }

void MetricsCollector::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void MetricsCollector::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MetricsCollector::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

void MetricsCollector::run() {
  for (;;) {
    try {
      collect_now();
      if (after_round_) after_round_(clock_.now());
    } catch (const std::exception& e) {
      logger_.error("collecting likes and followers failed: %s", std::string(e.what()));
    }
    std::unique_lock lock(mutex_);
    wake_cv_.wait_for(lock, options_.every, [this] { return stopping_ || woken_; });
    woken_ = false;
    if (stopping_) return;
  }
}

CollectionReport MetricsCollector::collect_now(std::optional<std::chrono::seconds> wait) {
  CollectionReport report;
  std::unique_lock round(collect_mutex_, std::defer_lock);
  if (!wait) {
    round.lock();
  } else if (!round.try_lock_for(*wait)) {
    report.problems.push_back("a reading of the figures is under way; what it reads shows shortly");
    return report;
  }
  const auto now = clock_.now();
  const int tracked = db_.transact([&](Poco::Data::Session& session) {
    return store::MetricsRepository(session).track_published(analytics::kPostSampleAges.front());
  });
  if (tracked > 0) logger_.information("%d published posts are now read for likes, shares and replies", tracked);
  const auto accounts = db_.read([](Poco::Data::Session& session) { return store::AccountRepository(session).list(); });
  for (const auto& account : accounts) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    if (account.health == AccountHealth::disconnected || account.health == AccountHealth::needs_reauthorization) {
      continue;
    }
    if (auto waiting = not_before_.find(account.id.value); waiting != not_before_.end()) {
      if (now < waiting->second) {
        report.problems.push_back(account.handle + ": asked again after " + to_iso8601(waiting->second));
        continue;
      }
      not_before_.erase(waiting);
    }
    try {
      collect_account(account, now, report);
    } catch (const plugin::NetworkError& e) {
      back_off(account, e, now);
      report.problems.push_back(account.handle + ": " + utf8::repaired(e.reason()));
    } catch (const std::exception& e) {
      report.problems.push_back(account.handle + ": " + utf8::repaired(e.what()));
      logger_.warning("reading the figures of %s failed: %s", account.handle, std::string(e.what()));
    }
  }
  return report;
}

void MetricsCollector::collect_account(const Account& account, Timestamp now, CollectionReport& report) {
  auto* network = plugins_.find(account.network);
  if (network == nullptr) return;
  const auto connection =
      db_.read([&](Poco::Data::Session& session) { return networks::open_connection(session, secrets_, account); });
  read_account(*network, connection, account, now, report);
  read_posts(*network, connection, account, now, report);
}

void MetricsCollector::read_account(plugin::Network& network, const plugin::Connection& connection,
                                    const Account& account, Timestamp now, CollectionReport& report) {
  const auto last = db_.read(
      [&](Poco::Data::Session& session) { return store::MetricsRepository(session).last_account_reading(account.id); });
  if (last && analytics::next_account_sample(last, now) > now) return;
  const auto figures = networks::await(network.account_metrics(connection), options_.network_timeout);
  db_.transact([&](Poco::Data::Session& session) {
    store::MetricsRepository metrics(session);
    metrics.record_account(account.id, "followers", {now, plausible(figures.followers)});
    metrics.record_account(account.id, "following", {now, plausible(figures.following)});
    metrics.record_account(account.id, "posts", {now, plausible(figures.posts)});
  });
  ++report.accounts_read;
}

void MetricsCollector::read_posts(plugin::Network& network, const plugin::Connection& connection,
                                  const Account& account, Timestamp now, CollectionReport& report) {
  const auto due = db_.read([&](Poco::Data::Session& session) {
    return store::MetricsRepository(session).due_posts(account.id, now, options_.posts_per_round);
  });
  if (due.empty()) return;
  std::vector<std::string> ids;
  ids.reserve(due.size());
  for (const auto& post : due) ids.push_back(post.network_id);
  try {
    record_posts(due, networks::await(network.post_metrics(connection, ids), options_.network_timeout), now, report);
    return;
  } catch (const plugin::NetworkError& e) {
    if (about_the_account(e) || due.size() == 1) throw;
  }
  // One post may spoil the batch (gone private, a server error): one by one,
  // putting off only those that fail, so the others are not held up.
  for (const auto& post : due) {
    try {
      record_posts({post},
                   networks::await(network.post_metrics(connection, {post.network_id}), options_.network_timeout), now,
                   report);
    } catch (const plugin::NetworkError& e) {
      if (about_the_account(e)) throw;
      db_.transact([&](Poco::Data::Session& session) {
        store::MetricsRepository(session).postpone_post(post.outbox_id, now + options_.retry_after_failure);
      });
      report.problems.push_back(account.handle + ", post " + post.network_id + ": " + utf8::repaired(e.reason()));
    }
  }
}

void MetricsCollector::record_posts(const std::vector<store::DuePost>& due,
                                    const std::vector<plugin::PostMetrics>& figures, Timestamp now,
                                    CollectionReport& report) {
  std::map<std::string, const plugin::PostMetrics*> by_id;  // the plugin's order is not relied on
  for (const auto& one : figures) by_id[one.network_id] = &one;
  db_.transact([&](Poco::Data::Session& session) {
    store::MetricsRepository metrics(session);
    for (const auto& post : due) {
      const auto found = by_id.find(post.network_id);
      if (found == by_id.end()) {  // the plugin did not answer for it: ask again later
        metrics.postpone_post(post.outbox_id, now + options_.retry_after_failure);
        continue;
      }
      const auto& read = *found->second;
      const auto taken = analytics::post_samples_due(post.published_at, now);
      const store::PostReading reading{plausible(read.likes), plausible(read.shares), plausible(read.replies),
                                       plausible(read.impressions), !read.exists};
      metrics.record_post(post.outbox_id, now, reading, static_cast<std::int64_t>(taken),
                          analytics::next_post_sample(post.published_at, taken));
      ++report.posts_read;
    }
  });
}

void MetricsCollector::back_off(const Account& account, const plugin::NetworkError& error, Timestamp now) {
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(options_.retry_after_failure);
  if (error.kind() == plugin::FailureKind::rate_limited && error.reset_at()) {
    // The network's reset time is on the wall clock, kanald's may be a test clock.
    const auto until_reset =
        *error.reset_at() - std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    if (until_reset > wait) wait = until_reset;
  }
  not_before_[account.id.value] = now + wait;
  logger_.warning("the figures of %s are read again in %Ld s: %s", account.handle,
                  static_cast<Poco::Int64>(std::chrono::duration_cast<std::chrono::seconds>(wait).count()),
                  error.reason());
}

}  // namespace kanal::metrics
