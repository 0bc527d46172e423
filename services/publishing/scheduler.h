#pragma once
// The scheduler: a thread in kanald that moves each scheduled post into the
// outbox when its time comes (it looks four times a second), through the
// same checks as "Publish now" (queue.h) — so a post whose approvals are not
// complete at its time is held, with the reason on the schedule and in the
// audit trail, never published. Under a crisis pause due posts wait; a post
// found due later than the catch-up setting allows (kanald was down) is held.

#include <Poco/Logger.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/time.h"
#include "networks/plugin_registry.h"
#include "store/database.h"
#include "store/schedule_repository.h"
#include "workflow/policy.h"

namespace kanal::publishing {

class Scheduler {
 public:
  using PolicySource = std::function<std::shared_ptr<const workflow::Policy>()>;
  Scheduler(store::Database& db, networks::PluginRegistry& plugins, PolicySource policy, const Clock& clock,
            Poco::Logger& logger, std::function<void()> queued);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void start();
  void stop();
  // Looks now (a post was just scheduled for a moment already past).
  void wake();
  // Moves what is due into the outbox (telling `queued` after each one);
  // returns how many were queued or held.
  int run_due();

 private:
  void run();
  bool still_due(Poco::Data::Session& session, const store::ScheduleEntry& entry);
  void queue(Poco::Data::Session& session, const store::ScheduleEntry& entry, const workflow::Policy& policy,
             Timestamp now);
  // In its own transaction; held (with the reason) if it cannot go.
  void queue_alone(const store::ScheduleEntry& entry, const workflow::Policy& policy, Timestamp now);
  void hold_now(const store::ScheduleEntry& entry, const std::string& reason, Timestamp now);

  store::Database& db_;
  networks::PluginRegistry& plugins_;
  PolicySource policy_;
  const Clock& clock_;
  Poco::Logger& logger_;
  std::function<void()> queued_;
  std::mutex mutex_;
  std::condition_variable wake_cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

// Holds a scheduled post for a person to decide, with the reason, on record
// (`by` empty: the scheduler). In the caller's transaction.
void hold(Poco::Data::Session& session, const store::ScheduleEntry& entry, const std::string& reason, Timestamp at,
          std::optional<UserId> by = std::nullopt);

}  // namespace kanal::publishing
