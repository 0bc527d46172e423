#include "scheduling/queue_slots.h"

#include <algorithm>

namespace kanal::scheduling {

std::optional<Timestamp> next_free_slot(const QueueSlots& queue, Timestamp after, const std::set<Timestamp>& taken) {
  if (queue.slots.empty()) return std::nullopt;
  auto slots = queue.slots;
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return a.time_of_day < b.time_of_day; });
  const auto first_day = date::floor<date::days>(to_local(after, queue.zone));
  for (auto day = first_day; day < first_day + date::days{366}; day += date::days{1}) {
    for (const auto& slot : slots) {
      if (date::weekday{day} != slot.weekday) continue;
      const auto at = to_utc(LocalTime{day} + slot.time_of_day, queue.zone);
      if (at > after && taken.count(at) == 0) return at;
    }
  }
  return std::nullopt;
}

}  // namespace kanal::scheduling
