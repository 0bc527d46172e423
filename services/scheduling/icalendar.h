#pragma once
// The schedule as iCalendar (RFC 5545, written by libical), so staff can
// see it in their own calendar: one event per scheduled post, at its UTC
// instant, with a stable UID so a calendar that subscribes updates rather
// than duplicates.

#include <string>
#include <vector>

#include "core/time.h"

namespace kanal::scheduling {

struct CalendarEvent {
  std::string uid;  // stable per post, e.g. "post-42@kanal"
  Timestamp starts_at;
  std::chrono::minutes length{15};
  std::string summary;
  std::string description;
  std::string category;  // the post's state
};

std::string to_icalendar(const std::vector<CalendarEvent>& events, Timestamp stamped_at);

}  // namespace kanal::scheduling
