// Time to first answer per account and ISO week: the median of the answered,
// the count of those still waiting.
#include <catch2/catch.hpp>

#include "inbox/response_times.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

// Monday 7 December 2026, 09:00 UTC: ISO week 50.
const Timestamp kMonday = from_unix_ms(1'796'634'000'000);

store::InteractionRepository::AnswerTime answered(std::int64_t account, Timestamp at, std::chrono::seconds after) {
  return {AccountId{account}, at, at + after};
}

}  // namespace

TEST_CASE("the median per account and ISO week, odd and even counts, with the unanswered counted apart") {
  const std::vector<store::InteractionRepository::AnswerTime> items{
      answered(1, kMonday, 10min),
      answered(1, kMonday + 1h, 30min),
      answered(1, kMonday + 2h, 2h),
      {AccountId{1}, kMonday + 3h, std::nullopt},
      answered(2, kMonday, 20min),
      answered(2, kMonday + 1h, 40min),
      answered(1, kMonday + std::chrono::days(7), 5min),  // week 51
  };
  const auto weeks = inbox::weekly_answer_times(items);
  REQUIRE(weeks.size() == 3);
  CHECK(weeks[0].account == AccountId{1});
  CHECK(weeks[0].iso_year == 2026);
  CHECK(weeks[0].iso_week == 50);
  CHECK(weeks[0].answered == 3);
  CHECK(weeks[0].unanswered == 1);
  CHECK(weeks[0].median == std::chrono::seconds(30min));
  CHECK(weeks[1].iso_week == 51);
  CHECK(weeks[1].median == std::chrono::seconds(5min));
  CHECK(weeks[2].account == AccountId{2});
  CHECK(weeks[2].median == std::chrono::seconds(30min));  // between 20 and 40 minutes
}

TEST_CASE("a week with only unanswered items has no median") {
  const auto weeks = inbox::weekly_answer_times({{AccountId{3}, kMonday, std::nullopt}});
  REQUIRE(weeks.size() == 1);
  CHECK_FALSE(weeks[0].median.has_value());
  CHECK(weeks[0].unanswered == 1);
}
