#pragma once
// When a repeated post comes round: daily, weekly on a day, monthly on day
// N, or on a payment day — day N of the month, or the previous working day
// when N falls on a weekend or public holiday. Times are wall-clock times in
// the post's zone (wall_clock.h), so they keep their hour across
// daylight-saving changes.

#include <optional>
#include <string>
#include <vector>

#include "scheduling/holidays.h"
#include "scheduling/wall_clock.h"

namespace kanal::scheduling {

struct Recurrence {
  enum class Kind { daily, weekly, monthly, payment_day };
  Kind kind = Kind::monthly;
  std::chrono::minutes time_of_day{9 * 60};
  date::weekday weekday = date::Monday;  // weekly
  unsigned day_of_month = 1;             // monthly, payment_day (a month without it: its last day)
  std::string zone = "Europe/Stockholm";
};

// The wall-clock occurrences in [from, to) (local days), in order. A
// payment day needs the country's calendar.
std::vector<LocalTime> occurrences(const Recurrence& rule, date::local_days from, date::local_days to,
                                   const HolidayCalendar* calendar = nullptr);

// The first occurrence after `after` (UTC), as UTC; none within ten years.
std::optional<Timestamp> next_occurrence(const Recurrence& rule, Timestamp after,
                                         const HolidayCalendar* calendar = nullptr);

}  // namespace kanal::scheduling
