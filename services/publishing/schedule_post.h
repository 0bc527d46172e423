#pragma once
// Scheduling one post for a wall-clock time in a zone, inside the caller's
// transaction — what a person's "Schedule", "Add to queue", a repeated
// post and a CSV import all do: the post must not be on its way already;
// the time is kept in UTC with the wall-clock time and zone; what the
// approvals still need and whether the time falls in a blackout window are
// said now, so people can act before the time comes; and it is on record.

#include <Poco/Data/Session.h>

#include <string>
#include <vector>

#include "core/domain.h"
#include "scheduling/wall_clock.h"
#include "store/schedule_repository.h"
#include "workflow/policy.h"

namespace kanal::publishing {

struct Scheduled {
  store::ScheduleEntry entry;
  std::string approval_note;  // what approval it still needs (empty: none)
  std::string blackout_note;  // the blackout window its time falls in (empty: none)
};

// A schedule as the audit trail records it (post.schedule, post.publish,
// post.held), with the reason when there is one.
std::string schedule_audit_detail(const store::ScheduleEntry& entry, const std::string& reason = {});

// Throws Error(not_found) for no such post, Error(invalid_input) for a time
// that has passed, a post already publishing or published, or a zone
// tzdata does not know.
Scheduled schedule_post(Poco::Data::Session& session, const workflow::Policy& policy, PostId post,
                        const std::vector<AccountId>& accounts, scheduling::LocalTime wall_clock,
                        const std::string& zone, UserId who, Timestamp at, const std::string& series = {});

}  // namespace kanal::publishing
