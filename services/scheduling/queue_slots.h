#pragma once
// An account's publishing queue: slots in the week (e.g. weekdays 09:00 and
// 12:30 Europe/Stockholm); "add to queue" takes the next slot no post holds.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scheduling/wall_clock.h"

namespace kanal::scheduling {

struct Slot {
  date::weekday weekday;
  std::chrono::minutes time_of_day;
};

struct QueueSlots {
  std::vector<Slot> slots;
  std::string zone;
};

// The first slot after `after` (UTC) that no time in `taken` holds; none
// when there are no slots (or all are taken for a year).
std::optional<Timestamp> next_free_slot(const QueueSlots& queue, Timestamp after, const std::set<Timestamp>& taken);

}  // namespace kanal::scheduling
