#include "inbox/response_times.h"

#include <date/date.h>
#include <date/iso_week.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace kanal::inbox {

std::vector<WeeklyAnswerTimes> weekly_answer_times(const std::vector<store::InteractionRepository::AnswerTime>& items) {
  struct Week {
    std::vector<std::chrono::seconds> waits;
    std::int64_t unanswered = 0;
  };
  std::map<std::tuple<std::int64_t, int, int>, Week> weeks;
  for (const auto& item : items) {
    const iso_week::year_weeknum_weekday day{date::floor<date::days>(item.created_at)};
    auto& week = weeks[{item.account.value, static_cast<int>(day.year()),
                        static_cast<int>(static_cast<unsigned>(day.weeknum()))}];
    if (item.first_answer_at) {
      week.waits.push_back(std::max(std::chrono::seconds(0), std::chrono::duration_cast<std::chrono::seconds>(
                                                                 *item.first_answer_at - item.created_at)));
    } else if (item.waiting) {
      ++week.unanswered;
    }
  }
  std::vector<WeeklyAnswerTimes> out;
  for (auto& [key, week] : weeks) {
    WeeklyAnswerTimes row{AccountId{std::get<0>(key)},
                          std::get<1>(key),
                          std::get<2>(key),
                          static_cast<std::int64_t>(week.waits.size()),
                          week.unanswered,
                          std::nullopt};
    if (!week.waits.empty()) {
      auto& waits = week.waits;
      const auto middle = waits.begin() + static_cast<std::ptrdiff_t>(waits.size() / 2);
      std::nth_element(waits.begin(), middle, waits.end());
      if (waits.size() % 2 == 1) {
        row.median = *middle;
      } else {
        const auto below = *std::max_element(waits.begin(), middle);
        row.median = (below + *middle) / 2;
      }
    }
    out.push_back(row);
  }
  return out;
}

}  // namespace kanal::inbox
