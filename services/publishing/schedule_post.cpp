#include "publishing/schedule_post.h"

#include "core/error.h"
#include "core/json.h"
#include "publishing/controls.h"
#include "scheduling/time_words.h"
#include "store/audit_repository.h"
#include "store/post_repository.h"
#include "workflow/approvals.h"

namespace kanal::publishing {
std::string schedule_audit_detail(const store::ScheduleEntry& entry, const std::string& reason) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    w.Key("account_ids");
    w.StartArray();
    for (const auto& account : entry.accounts) w.Int64(account.value);
    w.EndArray();
    json::write_string(w, "due_at", to_iso8601(entry.due_at));
    json::write_string(w, "at", entry.wall_clock);
    json::write_string(w, "zone", entry.zone);
    if (!entry.series.empty()) json::write_string(w, "series", entry.series);
    if (!reason.empty()) json::write_string(w, "reason", reason);
    w.EndObject();
  });
}

Scheduled schedule_post(Poco::Data::Session& session, const workflow::Policy& policy, PostId id,
                        const std::vector<AccountId>& accounts, scheduling::LocalTime wall_clock,
                        const std::string& zone, UserId who, Timestamp at, const std::string& series) {
  const auto due_at = scheduling::to_utc(wall_clock, zone);
  if (due_at <= at) {
    throw Error(ErrorCode::invalid_input,
                scheduling::wall_clock_text(wall_clock) + " " + zone + " has passed; choose a time ahead", "at");
  }
  const auto post = store::PostRepository(session).find(id);
  if (!post) throw Error(ErrorCode::not_found, "no post " + std::to_string(id.value));
  if (post->state == PostState::publishing || post->state == PostState::published) {
    throw Error(ErrorCode::invalid_input,
                "post " + std::to_string(id.value) + " is already " + std::string(to_string(post->state)), "state");
  }
  store::ScheduleRepository schedules(session);
  // Moving one post of a series keeps it one of the series.
  const auto before = schedules.find(id);
  const auto words = series.empty() && before ? before->series : series;
  Scheduled scheduled{store::ScheduleEntry{id,
                                           accounts,
                                           due_at,
                                           scheduling::wall_clock_text(wall_clock),
                                           zone,
                                           store::ScheduleState::scheduled,
                                           {},
                                           who,
                                           at,
                                           words},
                      {},
                      blackout_note(session, accounts, due_at)};
  try {
    workflow::Approvals(session, policy).require_cleared(*post, accounts, who);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::approval_required) throw;
    scheduled.approval_note = e.detail();
  }
  schedules.put(scheduled.entry);
  store::AuditRepository(session).append(
      AuditEvent{0, at, who, "post.schedule", "post", id.value, schedule_audit_detail(scheduled.entry)});
  return scheduled;
}

}  // namespace kanal::publishing
