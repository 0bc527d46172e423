#pragma once
// A schedule as the API tells it (wire::ScheduleInfo), from the store's row
// or from what scheduling just said.

#include "api/wire/schedule.h"
#include "publishing/schedule_post.h"
#include "store/schedule_repository.h"

namespace kanal::api {

inline wire::ScheduleInfo info_of(const store::ScheduleEntry& entry) {
  return wire::ScheduleInfo{entry.post,   entry.accounts,
                            entry.due_at, entry.wall_clock,
                            entry.zone,   std::string(store::to_string(entry.state)),
                            entry.reason, {},
                            {},           entry.series};
}

inline wire::ScheduleInfo info_of(const publishing::Scheduled& scheduled) {
  auto info = info_of(scheduled.entry);
  info.approval_note = scheduled.approval_note;
  info.blackout_note = scheduled.blackout_note;
  return info;
}

}  // namespace kanal::api
