#include "scheduling/recurrence.h"

#include "core/error.h"

namespace kanal::scheduling {
namespace {

using namespace date;

// Day N of the month, or its last day when the month is shorter.
local_days day_in_month(year_month month, unsigned n) {
  const auto last = year_month_day_last{month / date::last}.day();
  return local_days{month / std::min(date::day{n}, last)};
}

}  // namespace

std::vector<LocalTime> occurrences(const Recurrence& rule, local_days from, local_days to,
                                   const HolidayCalendar* calendar) {
  if (rule.kind == Recurrence::Kind::payment_day && calendar == nullptr) {
    throw Error(ErrorCode::invalid_input, "a payment day needs the country's public holidays", "calendar");
  }
  std::vector<LocalTime> out;
  auto add = [&](local_days day) {
    if (day >= from && day < to) out.push_back(LocalTime{day} + rule.time_of_day);
  };
  switch (rule.kind) {
    case Recurrence::Kind::daily:
      for (auto day = from; day < to; day += days{1}) add(day);
      break;
    case Recurrence::Kind::weekly:
      for (auto day = from; day < to; day += days{1}) {
        if (weekday{day} == rule.weekday) add(day);
      }
      break;
    case Recurrence::Kind::monthly:
    case Recurrence::Kind::payment_day: {
      // From the month before: a payment day early in a month can move back into the one before.
      year_month month = year_month_day{from}.year() / year_month_day{from}.month() - months{1};
      const year_month end = year_month_day{to}.year() / year_month_day{to}.month();
      for (; month <= end; month += months{1}) {
        auto day = day_in_month(month, rule.day_of_month);
        if (rule.kind == Recurrence::Kind::payment_day) {
          day = local_days{calendar->working_day_on_or_before(sys_days{day.time_since_epoch()}).time_since_epoch()};
        }
        add(day);
      }
      break;
    }
  }
  return out;
}

std::optional<Timestamp> next_occurrence(const Recurrence& rule, Timestamp after, const HolidayCalendar* calendar) {
  const auto today = floor<days>(to_local(after, rule.zone));
  // A month at a time keeps payment-day arithmetic cheap; ten years bound it.
  for (auto from = today; from < today + days{3660}; from += days{40}) {
    for (const auto local : occurrences(rule, from, from + days{40}, calendar)) {
      const auto at = to_utc(local, rule.zone);
      if (at > after) return at;
    }
  }
  return std::nullopt;
}

}  // namespace kanal::scheduling
