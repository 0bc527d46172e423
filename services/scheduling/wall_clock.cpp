#include "scheduling/wall_clock.h"

#include <date/tz.h>

#include "core/error.h"

namespace kanal::scheduling {
namespace {

const date::time_zone* zone_named(const std::string& zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    throw Error(ErrorCode::invalid_input, "unknown time zone '" + zone + "' (an IANA name, e.g. Europe/Stockholm)",
                "zone");
  }
}

}  // namespace

Timestamp to_utc(LocalTime wall_clock, const std::string& zone) {
  // info.first is the offset in force just before: for a repeated hour the
  // first of the two, for a skipped one the offset before the gap, which
  // moves the time forward by the gap. One rule covers all three cases.
  const auto info = zone_named(zone)->get_info(wall_clock);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      date::sys_time<std::chrono::seconds>{wall_clock.time_since_epoch()} - info.first.offset);
}

LocalTime to_local(Timestamp at, const std::string& zone) {
  const auto* tz = zone_named(zone);
  return std::chrono::floor<std::chrono::seconds>(tz->to_local(at));
}

bool is_known_zone(const std::string& zone) {
  try {
    date::locate_zone(zone);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace kanal::scheduling
