// The arithmetic of time series: buckets by hour, day and ISO week (UTC),
// rollups of rollups, growth, per 1,000 followers, and a figure the network
// stopped giving — counted as not available, never as zero.
#include <catch2/catch.hpp>

#include "analytics/rollups.h"

using namespace kanal;
using namespace kanal::analytics;
using namespace std::chrono_literals;

namespace {

const Timestamp kMonday = from_unix_ms(1'796'601'600'000);  // Monday 7 December 2026, 00:00 UTC

}  // namespace

TEST_CASE("periods start on the hour, at midnight, and on Monday (UTC)") {
  const auto thursday_noon = kMonday + 24h * 3 + 12h + 34min;
  CHECK(period_start(thursday_noon, Period::hour) == kMonday + 24h * 3 + 12h);
  CHECK(period_start(thursday_noon, Period::day) == kMonday + 24h * 3);
  CHECK(period_start(thursday_noon, Period::week) == kMonday);
  CHECK(period_start(kMonday - 1ms, Period::week) == kMonday - 24h * 7);  // Sunday night is last week
}

TEST_CASE("a day of hourly follower counts: first, last, low, high and growth per bucket") {
  std::vector<Sample> samples;
  for (int hour = 23; hour >= 0; --hour) {  // any order
    samples.push_back({kMonday + std::chrono::hours(hour) + 5min, 1000 + hour * 10 - (hour == 12 ? 50 : 0)});
  }
  const auto hours = roll_up(samples, Period::hour);
  REQUIRE(hours.size() == 24);
  CHECK(hours.front().start == kMonday);
  CHECK(hours.front().last == 1000);
  const auto days = roll_up(samples, Period::day);
  REQUIRE(days.size() == 1);
  CHECK(days[0].first == 1000);
  CHECK(days[0].last == 1230);
  CHECK(days[0].low == 1000);
  CHECK(days[0].high == 1230);
  CHECK(days[0].samples == 24);
  // Rolling up the hours gives what rolling up the samples gives.
  CHECK(roll_up(hours, Period::day) == days);
  const auto grew = growth(hours);
  CHECK(grew[1] == 10);
  CHECK(grew[12] == -40);  // 1070 at noon after 1110: followers can leave
  CHECK(grew[13] == 60);
}

TEST_CASE("a figure the network stops giving is not available, never zero") {
  std::vector<Sample> samples{{kMonday + 1h, 40}, {kMonday + 25h, std::nullopt}, {kMonday + 49h, 55}};
  const auto days = roll_up(samples, Period::day);
  REQUIRE(days.size() == 3);
  CHECK_FALSE(days[1].available());
  CHECK(days[1].unavailable == 1);
  CHECK_FALSE(days[1].last.has_value());
  const auto grew = growth(days);
  CHECK(grew[0] == 0);
  CHECK_FALSE(grew[1].has_value());
  CHECK_FALSE(grew[2].has_value());  // not 55: the day before is unknown, not zero
  const auto weeks = roll_up(days, Period::week);
  REQUIRE(weeks.size() == 1);
  CHECK(weeks[0].first == 40);
  CHECK(weeks[0].last == 55);
  CHECK(weeks[0].unavailable == 1);
}

TEST_CASE("engagement per 1,000 followers") {
  CHECK(per_thousand(30, 1200).value() == Approx(25.0));
  CHECK_FALSE(per_thousand(30, std::nullopt).has_value());
  CHECK_FALSE(per_thousand(30, 0).has_value());
}
