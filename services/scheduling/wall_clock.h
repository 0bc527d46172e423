#pragma once
// A moment people name by a wall-clock time in a time zone (IANA, via
// date/tz on the system's tzdata). Scheduled posts keep the zone, so a post
// at 09:00 Europe/Stockholm stays at 09:00 across daylight-saving changes.
//
// The stated rules for the two odd cases:
// - a time that does not exist (the hour skipped in spring, e.g. 02:30 on
//   the last Sunday of March in Stockholm) moves forward by the gap: 03:30;
// - a time that happens twice (the hour repeated in autumn) is the first.

#include <date/date.h>

#include <string>

#include "core/time.h"

namespace kanal::scheduling {

using LocalTime = date::local_time<std::chrono::seconds>;

// Throws Error(invalid_input) for a zone tzdata does not know.
Timestamp to_utc(LocalTime wall_clock, const std::string& zone);
LocalTime to_local(Timestamp at, const std::string& zone);
// Whether tzdata knows `zone` ("Europe/Stockholm").
bool is_known_zone(const std::string& zone);

}  // namespace kanal::scheduling
