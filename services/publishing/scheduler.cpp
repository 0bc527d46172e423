#include "publishing/scheduler.h"

#include <algorithm>

#include "core/error.h"
#include "publishing/controls.h"
#include "publishing/queue.h"
#include "publishing/schedule_post.h"
#include "scheduling/wall_clock.h"
#include "store/audit_repository.h"
#include "store/schedule_repository.h"

namespace kanal::publishing {
namespace {

constexpr auto kLookEvery = std::chrono::milliseconds(250);
constexpr int kBatch = 1000;        // due entries looked at in one pass
constexpr std::size_t kChunk = 50;  // queued in one transaction

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
    Look found{{}, HoldBacks::at(session, now), publishing_settings(session)};
    // Posts under a crisis pause wait (resuming decides about them); they
    // must not crowd out the others, so read on past them.
    store::ScheduleRepository schedules(session);
    std::optional<store::ScheduleEntry> after;
    while (static_cast<int>(found.due.size()) < kBatch) {
      const auto page = schedules.due(now, kBatch, after);
      for (const auto& entry : page) {
        if (!found.holds.pauses_any(entry.accounts)) found.due.push_back(entry);
      }
      if (static_cast<int>(page.size()) < kBatch) break;
      after = page.back();
    }
    return found;
  });
  const auto policy = policy_();
  int moved = 0;
  std::vector<const store::ScheduleEntry*> ready;
  // A moment's grace: a post is never held for a restart of a few seconds.
  const auto catch_up = std::max<std::chrono::milliseconds>(look.settings.catch_up, std::chrono::minutes(1));
  for (const auto& entry : look.due) {
    const auto late = std::chrono::duration_cast<std::chrono::minutes>(now - entry.due_at);
    if (now - entry.due_at > catch_up) {
      // kanald was not running at its time: a person decides, no burst of old posts.
      hold_now(entry,
               "it was due at " + entry.wall_clock + " " + entry.zone + ", " + std::to_string(late.count()) +
                   " minutes ago, while Kanal was not running; publish it now or choose a new time",
               now);
      ++moved;
      continue;
    }
    ready.push_back(&entry);
  }
  // Many at once in one transaction (a burst of posts due at the same
  // minute); a chunk in which one fails goes again one by one, so one that is
  // held does not hold the others.
  for (std::size_t start = 0, end = 0; start < ready.size(); start = end) {
    // The first on its own, so the publisher starts on it at once.
    end = std::min(ready.size(), start == 0 ? 1 : start + kChunk);
    try {
      db_.transact([&](Poco::Data::Session& session) {
        for (auto i = start; i < end; ++i) queue(session, *ready[i], *policy, now);
      });
    } catch (const Error&) {
      for (auto i = start; i < end; ++i) queue_alone(*ready[i], *policy, now);
    }
    moved += static_cast<int>(end - start);
    if (queued_) queued_();  // the publisher starts on these now, not when the whole pass is done
  }
  return moved;
}

// True when `entry` is, in this transaction, still waiting for the moment
// it was read with: not rescheduled, cancelled, published or held meanwhile.
bool Scheduler::still_due(Poco::Data::Session& session, const store::ScheduleEntry& entry) {
  const auto current = store::ScheduleRepository(session).find(entry.post);
  return current && current->state == store::ScheduleState::scheduled && current->due_at == entry.due_at;
}

void Scheduler::queue(Poco::Data::Session& session, const store::ScheduleEntry& entry, const workflow::Policy& policy,
                      Timestamp now) {
  if (!still_due(session, entry)) return;
  if (HoldBacks::at(session, now).pauses_any(entry.accounts)) return;  // paused since it was read: it waits
  queue_for_publishing(session, plugins_, policy, entry.post, entry.accounts, entry.scheduled_by, now,
                       schedule_audit_detail(entry));
  store::ScheduleRepository(session).set_state(entry.post, store::ScheduleState::queued, {}, now);
}

void Scheduler::queue_alone(const store::ScheduleEntry& entry, const workflow::Policy& policy, Timestamp now) {
  try {
    db_.transact([&](Poco::Data::Session& session) { queue(session, entry, policy, now); });
  } catch (const Error& e) {
    if (e.code() == ErrorCode::unavailable) return;  // the database is busy: the next look tries again
    // Not publishable at its time (an approval missing, the post changed, an
    // account gone, a blackout): held for a person, and on record.
    hold_now(entry, e.detail(), now);
  }
}

void Scheduler::hold_now(const store::ScheduleEntry& entry, const std::string& reason, Timestamp now) {
  const bool held = db_.transact([&](Poco::Data::Session& session) {
    if (!still_due(session, entry)) return false;
    hold(session, entry, reason, now);
    return true;
  });
  if (!held) return;
  logger_.warning("scheduled post %Ld is held: %s", static_cast<Poco::Int64>(entry.post.value), reason);
}

void hold(Poco::Data::Session& session, const store::ScheduleEntry& entry, const std::string& reason, Timestamp at,
          std::optional<UserId> by) {
  store::ScheduleRepository(session).set_state(entry.post, store::ScheduleState::held, reason, at);
  store::AuditRepository(session).append(
      AuditEvent{0, at, by, "post.held", "post", entry.post.value, schedule_audit_detail(entry, reason)});
}

}  // namespace kanal::publishing
