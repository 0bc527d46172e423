#include "publishing/pauses.h"

#include <algorithm>

#include "core/error.h"
#include "core/json.h"
#include "publishing/scheduler.h"
#include "store/audit_repository.h"
#include "store/outbox_repository.h"
#include "store/pause_repository.h"
#include "store/post_repository.h"
#include "store/review_repository.h"
#include "store/user_repository.h"

namespace kanal::publishing {
namespace {

// A scheduled post in the outbox that nothing has been sent for yet goes
// back to waiting: its deliveries are taken out.
bool take_back_from_outbox(Poco::Data::Session& session, const store::ScheduleEntry& entry, Timestamp at) {
  store::OutboxRepository outbox(session);
  const auto deliveries = outbox.for_post(entry.post);
  const bool untouched = !deliveries.empty() && std::all_of(deliveries.begin(), deliveries.end(), [](const auto& d) {
    return d.state == store::DeliveryState::pending && d.attempts == 0;
  });
  if (!untouched) return false;
  if (outbox.remove_untried(entry.post) != deliveries.size()) {
    // One went out meanwhile (another kanald of the team); the post is under way.
    throw Error(ErrorCode::unavailable, "publishing moved on while resuming; resume again");
  }
  const auto review = store::ReviewRepository(session).latest_for_post(entry.post);
  const bool approved = review && review->state == ReviewState::approved;
  store::PostRepository(session).set_state(entry.post, approved ? PostState::approved : PostState::draft, at);
  return true;
}

// How senior a role is in deciding what the agency says: a pause is lifted
// by someone at least as senior as whoever set it, or by an admin.
int seniority(Role role) {
  switch (role) {
    case Role::admin: return 4;
    case Role::director: return 3;
    case Role::line_manager: return 2;
    case Role::officer:
    case Role::subject_expert: return 1;
    case Role::records_officer: return 0;
  }
  return 0;
}

void require_may_lift(Poco::Data::Session& session, const store::Pause& pause, UserId who) {
  store::UserRepository users(session);
  const auto lifter = users.find(who);
  const auto setter = users.find(pause.paused_by);
  if (!lifter || !setter || lifter->id == setter->id) return;
  // As senior as the setter was when they set it: demoting them since changes nothing.
  const auto set_as = pause.paused_as.value_or(setter->role);
  if (seniority(lifter->role) >= seniority(set_as)) return;
  const std::string role(to_string(set_as));
  throw Error(ErrorCode::forbidden, "this pause was set by " + setter->display_name + " (" + role + "); only a " +
                                        role + ", someone more senior or an admin may lift it");
}

}  // namespace

std::vector<store::ScheduleEntry> resume_pause(Poco::Data::Session& session, std::int64_t pause_id, UserId who,
                                               Timestamp at) {
  store::PauseRepository pauses(session);
  const auto active = pauses.active();
  const auto pause = std::find_if(active.begin(), active.end(), [&](const auto& p) { return p.id == pause_id; });
  if (pause == active.end()) throw Error(ErrorCode::not_found, "no pause " + std::to_string(pause_id) + " is in force");
  require_may_lift(session, *pause, who);
  if (!pauses.resume(pause_id, who, at)) {
    throw Error(ErrorCode::not_found, "pause " + std::to_string(pause_id) + " was resumed meanwhile");
  }

  store::ScheduleRepository schedules(session);
  std::vector<store::ScheduleEntry> held;
  auto hold_overdue = [&](store::ScheduleEntry entry) {
    entry.reason = "due at " + entry.wall_clock + " " + entry.zone + " during the pause (\u201c" + pause->reason +
                   "\u201d); publish it now or choose a new time";
    hold(session, entry, entry.reason, at, who);
    entry.state = store::ScheduleState::held;
    held.push_back(std::move(entry));
  };
  for (auto& entry : schedules.due(at, 100'000)) {
    if (pause->covers_any(entry.accounts)) hold_overdue(std::move(entry));
  }
  for (auto& entry : schedules.queued_since(pause->paused_at - std::chrono::hours(24))) {
    if (pause->covers_any(entry.accounts) && take_back_from_outbox(session, entry, at)) hold_overdue(std::move(entry));
  }
  store::AuditRepository(session).append(
      AuditEvent{0, at, who, "publishing.resume", "pause", pause_id, json::written([&](json::JsonWriter& w) {
                   w.StartObject();
                   json::write_string(w, "reason", pause->reason);
                   w.Key("held");
                   w.StartArray();
                   for (const auto& entry : held) w.Int64(entry.post.value);
                   w.EndArray();
                   w.EndObject();
                 })});
  return held;
}

}  // namespace kanal::publishing
