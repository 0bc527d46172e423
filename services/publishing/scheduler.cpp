#include "publishing/scheduler.h"

#include <algorithm>

#include "core/error.h"
#include "core/json.h"
#include "publishing/controls.h"
#include "publishing/queue.h"
#include "scheduling/wall_clock.h"
#include "store/audit_repository.h"
#include "store/schedule_repository.h"

namespace kanal::publishing {
namespace {

constexpr auto kLookEvery = std::chrono::milliseconds(250);
constexpr int kBatch = 1000;  // due entries looked at in one pass

std::string schedule_detail(const store::ScheduleEntry& entry, const std::string& reason = {}) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    w.Key("account_ids");
    w.StartArray();
    for (const auto& account : entry.accounts) w.Int64(account.value);
    w.EndArray();
    json::write_string(w, "due_at", to_iso8601(entry.due_at));
    json::write_string(w, "wall_clock", entry.wall_clock);
    json::write_string(w, "zone", entry.zone);
    if (!reason.empty()) json::write_string(w, "reason", reason);
    w.EndObject();
  });
}

}  // namespace

Scheduler::Scheduler(store::Database& db, networks::PluginRegistry& plugins, PolicySource policy, const Clock& clock,
                     Poco::Logger& logger, std::function<void()> queued)
    : db_(db),
      plugins_(plugins),
      policy_(std::move(policy)),
      clock_(clock),
      logger_(logger),
      queued_(std::move(queued)) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::start() {
  thread_ = std::thread([this] { run(); });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  wake_cv_.notify_all();
  thread_.join();
}

void Scheduler::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

void Scheduler::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_cv_.wait_for(lock, kLookEvery, [&] { return stopping_ || woken_; });
      woken_ = false;
      if (stopping_) return;
    }
    try {
      run_due();
    } catch (const std::exception& e) {
      logger_.error("scheduler: %s", std::string(e.what()));
    }
  }
}

int Scheduler::run_due() {
  const auto now = clock_.now();
  struct Look {
    std::vector<store::ScheduleEntry> due;
    HoldBacks holds;
    PublishingSettings settings;
  };
  const auto look = db_.read([&](Poco::Data::Session& session) {
    return Look{store::ScheduleRepository(session).due(now, kBatch), HoldBacks::at(session, now),
                publishing_settings(session)};
  });
  const auto policy = policy_();
  int moved = 0;
  for (const auto& entry : look.due) {
    // Under a crisis pause a post waits; resuming decides about what is then overdue.
    if (std::any_of(entry.accounts.begin(), entry.accounts.end(),
                    [&](AccountId account) { return look.holds.pause_of(account) != nullptr; })) {
      continue;
    }
    try {
      const auto late = std::chrono::duration_cast<std::chrono::minutes>(now - entry.due_at);
      if (late > look.settings.catch_up) {
        // kanald was not running at its time: a person decides, no burst of old posts.
        throw Error(ErrorCode::held_back, "it was due at " + entry.wall_clock + " " + entry.zone + ", " +
                                              std::to_string(late.count()) +
                                              " minutes ago, while Kanal was not running; publish it now or "
                                              "choose a new time");
      }
      db_.transact([&](Poco::Data::Session& session) {
        // Each entry in its own transaction: one that is held does not hold the others.
        queue_for_publishing(session, plugins_, *policy, entry.post, entry.accounts, entry.scheduled_by, now,
                             schedule_detail(entry));
      });
      // The publisher starts on it now, not when the whole pass is done.
      if (queued_) queued_();
    } catch (const Error& e) {
      if (e.code() == ErrorCode::unavailable) continue;  // the database is busy: the next look tries again
      // Not publishable at its time (an approval missing, the post changed, an
      // account gone, a blackout, too late): held for a person, and on record.
      db_.transact([&](Poco::Data::Session& session) { hold(session, entry, e.detail(), now); });
      logger_.warning("scheduled post %Ld is held: %s", static_cast<Poco::Int64>(entry.post.value), e.detail());
    }
    ++moved;
  }
  return moved;
}

void hold(Poco::Data::Session& session, const store::ScheduleEntry& entry, const std::string& reason, Timestamp at,
          std::optional<UserId> by) {
  store::ScheduleRepository(session).set_state(entry.post, store::ScheduleState::held, reason, at);
  store::AuditRepository(session).append(
      AuditEvent{0, at, by, "post.held", "post", entry.post.value, schedule_detail(entry, reason)});
}

}  // namespace kanal::publishing
