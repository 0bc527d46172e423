#include <catch2/catch.hpp>

#include "core/csv.h"
#include "core/error.h"
#include "scheduling/holidays.h"
#include "scheduling/icalendar.h"
#include "scheduling/queue_slots.h"
#include "scheduling/recurrence.h"
#include "scheduling/time_words.h"
#include "scheduling/wall_clock.h"

using namespace kanal;
using namespace kanal::scheduling;
using namespace date;
using namespace std::chrono_literals;

namespace {

Day ymd(int y, unsigned m, unsigned d) { return Day{year{y} / month{m} / day{d}}; }
LocalTime local(int y, unsigned m, unsigned d, int hh, int mm) {
  return LocalTime{local_days{year{y} / month{m} / day{d}}} + std::chrono::hours{hh} + std::chrono::minutes{mm};
}
std::string utc(Timestamp at) { return to_iso8601(at); }

HolidayCalendar calendar(const char* country) { return HolidayCalendar::parse(HolidayCalendar::builtin(country)); }

std::vector<Day> payment_days(const HolidayCalendar& holidays, unsigned n, int y) {
  Recurrence rule;
  rule.kind = Recurrence::Kind::payment_day;
  rule.day_of_month = n;
  std::vector<Day> days;
  for (const auto at :
       occurrences(rule, local_days{year{y} / January / 1}, local_days{year{y + 1} / January / 1}, &holidays)) {
    days.push_back(Day{floor<date::days>(at).time_since_epoch()});
  }
  return days;
}

}  // namespace

TEST_CASE("Easter and the holidays that hang on it, midsummer and the rest, for every shipped country") {
  CHECK(easter_sunday(2024) == ymd(2024, 3, 31));
  CHECK(easter_sunday(2025) == ymd(2025, 4, 20));
  CHECK(easter_sunday(2026) == ymd(2026, 4, 5));
  CHECK(easter_sunday(2027) == ymd(2027, 3, 28));
  CHECK(easter_sunday(2038) == ymd(2038, 4, 25));

  const auto se = calendar("se").holidays(2026);
  CHECK(se.at(ymd(2026, 4, 3)) == "Långfredagen");
  CHECK(se.at(ymd(2026, 5, 14)) == "Kristi himmelsfärdsdag");
  CHECK(se.at(ymd(2026, 6, 19)) == "Midsommarafton");
  CHECK(se.at(ymd(2026, 10, 31)) == "Alla helgons dag");
  CHECK(calendar("se").holidays(2027).at(ymd(2027, 6, 25)) == "Midsommarafton");
  CHECK(calendar("fi").holidays(2026).count(ymd(2026, 12, 6)) == 1);
  CHECK(calendar("dk").holidays(2026).at(ymd(2026, 4, 2)) == "Skærtorsdag");
  CHECK(calendar("no").holidays(2026).at(ymd(2026, 5, 17)) == "Grunnlovsdag");
  CHECK(calendar("de").holidays(2026).at(ymd(2026, 10, 3)) == "Tag der Deutschen Einheit");

  // The United Kingdom moves a holiday off the weekend.
  const auto gb = calendar("gb");
  CHECK(gb.holidays(2026).at(ymd(2026, 5, 4)) == "Early May bank holiday");
  CHECK(gb.holidays(2026).at(ymd(2026, 5, 25)) == "Spring bank holiday");
  CHECK(gb.holidays(2027).at(ymd(2027, 12, 27)) == "Christmas Day (substitute day)");
  CHECK(gb.holidays(2027).at(ymd(2027, 12, 28)) == "Boxing Day (substitute day)");
  CHECK(gb.holidays(2022).at(ymd(2022, 12, 26)) == "Boxing Day");
  CHECK(gb.holidays(2022).at(ymd(2022, 12, 27)) == "Christmas Day (substitute day)");
  CHECK(gb.holidays(2022).at(ymd(2022, 1, 3)) == "New Year's Day (substitute day)");
  CHECK_FALSE(gb.is_working_day(ymd(2022, 1, 3)));
}

TEST_CASE("a calendar with a wrong line is refused with the line and the reason") {
  try {
    HolidayCalendar::parse("# ok\n01-01 New Year\n13-01 Nothing\n");
    FAIL("a month 13 was accepted");
  } catch (const Error& e) {
    CHECK_THAT(e.detail(), Catch::StartsWith("line 3:"));
  }
  CHECK_THROWS_AS(HolidayCalendar::parse("easter*2 Odd\n"), Error);
  CHECK_THROWS_AS(HolidayCalendar::parse("fri 06-19 Midsummer\n"), Error);
  CHECK_THROWS_AS(HolidayCalendar::parse("01-01\n"), Error);  // no name
  CHECK(HolidayCalendar::parse("02-29 Leap day\n").holidays(2027).empty());
}

TEST_CASE("a calendar that leaves no working day for two months is refused when a working day is asked for") {
  std::string text;  // every day of November and December a holiday
  for (int day = 1; day <= 30; ++day) text += "11-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + " Off\n";
  for (int day = 1; day <= 31; ++day) text += "12-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + " Off\n";
  const auto calendar = HolidayCalendar::parse(text);
  try {
    calendar.working_day_on_or_before(ymd(2027, 12, 31));
    FAIL("a holiday was given as the working day");
  } catch (const Error& e) {
    CHECK_THAT(e.detail(), Catch::Contains("no working day in the 60 days up to 2027-12-31"));
  }
  CHECK(calendar.working_day_on_or_before(ymd(2027, 11, 3)) == ymd(2027, 10, 29));  // the Friday before
}

TEST_CASE("the payment day is day N, or the working day before it, across Easter, midsummer and Christmas") {
  const auto se = calendar("se");
  const auto twentieth = payment_days(se, 20, 2026);
  REQUIRE(twentieth.size() == 12);
  CHECK(twentieth[0] == ymd(2026, 1, 20));    // a Tuesday
  CHECK(twentieth[2] == ymd(2026, 3, 20));    // a Friday
  CHECK(twentieth[5] == ymd(2026, 6, 18));    // the 20th is a Saturday, the 19th midsummer eve
  CHECK(twentieth[11] == ymd(2026, 12, 18));  // the 20th is a Sunday
  // Day 3 in April 2026 is Good Friday; day 25 in December three days of Christmas.
  CHECK(payment_days(se, 3, 2026)[3] == ymd(2026, 4, 2));
  CHECK(payment_days(se, 25, 2026)[11] == ymd(2026, 12, 23));
  // Several years: every payment day is a working day, never after day N, in its own month.
  for (int y = 2026; y <= 2032; ++y) {
    for (const auto day : payment_days(se, 20, y)) {
      CHECK(se.is_working_day(day));
      CHECK(static_cast<unsigned>(year_month_day{day}.day()) <= 20);
    }
  }
  // Day 31 in a short month is its last day (then the working day before).
  CHECK(payment_days(se, 31, 2026)[1] == ymd(2026, 2, 27));  // 28 February 2026 is a Saturday
}

TEST_CASE("wall-clock times keep their hour across daylight saving, with a stated rule for the odd hours") {
  // 09:00 in Stockholm is 08:00 UTC in winter and 07:00 UTC in summer.
  CHECK(utc(to_utc(local(2026, 1, 20, 9, 0), "Europe/Stockholm")) == "2026-01-20T08:00:00.000Z");
  CHECK(utc(to_utc(local(2026, 7, 20, 9, 0), "Europe/Stockholm")) == "2026-07-20T07:00:00.000Z");
  // Spring forward (29 March 2026, 02:00 → 03:00): 02:30 does not exist and moves forward to 03:30.
  CHECK(utc(to_utc(local(2026, 3, 29, 2, 30), "Europe/Stockholm")) == "2026-03-29T01:30:00.000Z");
  CHECK(utc(to_utc(local(2026, 3, 29, 3, 30), "Europe/Stockholm")) == "2026-03-29T01:30:00.000Z");
  // Fall back (25 October 2026, 03:00 → 02:00): 02:30 happens twice; the first counts.
  CHECK(utc(to_utc(local(2026, 10, 25, 2, 30), "Europe/Stockholm")) == "2026-10-25T00:30:00.000Z");
  // Other zones, other days.
  CHECK(utc(to_utc(local(2026, 3, 8, 2, 30), "America/New_York")) == "2026-03-08T07:30:00.000Z");
  CHECK(utc(to_utc(local(2026, 11, 1, 1, 30), "America/New_York")) == "2026-11-01T05:30:00.000Z");
  CHECK(utc(to_utc(local(2026, 3, 29, 1, 30), "Europe/London")) == "2026-03-29T01:30:00.000Z");
  CHECK(utc(to_utc(local(2026, 3, 29, 2, 30), "Europe/Helsinki")) == "2026-03-29T00:30:00.000Z");
  CHECK(to_local(to_utc(local(2026, 7, 20, 9, 0), "Europe/Oslo"), "Europe/Oslo") == local(2026, 7, 20, 9, 0));
  CHECK_THROWS_AS(to_utc(local(2026, 1, 1, 9, 0), "Europe/Atlantis"), Error);
  CHECK_FALSE(is_known_zone("Mars/Olympus_Mons"));

  // A monthly 09:00 post across the change stays at 09:00 on the clock.
  Recurrence monthly;
  monthly.day_of_month = 28;
  auto next = next_occurrence(monthly, *parse_iso8601("2026-02-28T09:00:00.000Z"));
  REQUIRE(next);
  CHECK(utc(*next) == "2026-03-28T08:00:00.000Z");  // still winter time
  next = next_occurrence(monthly, *next);
  CHECK(utc(*next) == "2026-04-28T07:00:00.000Z");  // summer time
}

TEST_CASE("daily and weekly rules, and the payment day needs a calendar") {
  Recurrence daily;
  daily.kind = Recurrence::Kind::daily;
  CHECK(occurrences(daily, local_days{2026_y / 3 / 1}, local_days{2026_y / 3 / 8}).size() == 7);
  Recurrence weekly;
  weekly.kind = Recurrence::Kind::weekly;
  weekly.weekday = Wednesday;
  const auto wednesdays = occurrences(weekly, local_days{2026_y / 3 / 1}, local_days{2026_y / 4 / 1});
  REQUIRE(wednesdays.size() == 4);
  CHECK(wednesdays[0] == local(2026, 3, 4, 9, 0));
  Recurrence payment;
  payment.kind = Recurrence::Kind::payment_day;
  CHECK_THROWS_AS(occurrences(payment, local_days{2026_y / 1 / 1}, local_days{2026_y / 2 / 1}), Error);
}

TEST_CASE("add to queue takes the next slot no post holds") {
  QueueSlots queue{{}, "Europe/Stockholm"};
  for (const auto day : {Monday, Tuesday, Wednesday, Thursday, Friday}) {
    queue.slots.push_back({day, 9h});
    queue.slots.push_back({day, 12h + 30min});
  }
  // Friday 27 November 2026 at 10:00 in Stockholm (09:00 UTC).
  const auto now = *parse_iso8601("2026-11-27T09:00:00.000Z");
  auto slot = next_free_slot(queue, now, {});
  REQUIRE(slot);
  CHECK(utc(*slot) == "2026-11-27T11:30:00.000Z");
  // Taken: the next is Monday morning, past the weekend.
  slot = next_free_slot(queue, now, {*slot});
  CHECK(utc(*slot) == "2026-11-30T08:00:00.000Z");
  CHECK_FALSE(next_free_slot(QueueSlots{{}, "Europe/Stockholm"}, now, {}));
}

TEST_CASE("CSV as spreadsheets save it: quotes, separators, line breaks in fields, a BOM, semicolons") {
  using kanal::csv::parse;
  const auto rows = parse("\xEF\xBB\xBFtext,accounts\r\n\"Hello, world\",1\r\n\r\n\"Two\nlines \"\"quoted\"\"\",2\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].fields == std::vector<std::string>{"text", "accounts"});
  CHECK(rows[1].line == 2);
  CHECK(rows[1].fields == std::vector<std::string>{"Hello, world", "1"});
  CHECK(rows[2].line == 4);  // the blank line 3 is skipped; the row starts on line 4
  CHECK(rows[2].fields == std::vector<std::string>{"Two\nlines \"quoted\"", "2"});

  const auto nordic = parse("date;time;text\n2027-01-25;09:00;Kl. 9,00 öppnar vi\n");
  REQUIRE(nordic.size() == 2);
  CHECK(nordic[1].fields == std::vector<std::string>{"2027-01-25", "09:00", "Kl. 9,00 öppnar vi"});
  CHECK(parse("").empty());
  CHECK(parse("a,b").size() == 1);  // no line break at the end

  auto error_of = [](const std::string& text) {
    try {
      parse(text);
    } catch (const kanal::Error& e) {
      return e.field();
    }
    return std::string("none");
  };
  CHECK(error_of("a,b\n1,\"open\n2,3\n") == "line 2");
  CHECK(error_of("a,b\n1,2\n\"x\"y,3\n") == "line 3");
}

TEST_CASE("times and days as people write them") {
  using namespace kanal::scheduling;
  CHECK(time_of_day_named("09:30") == std::chrono::minutes(570));
  CHECK(!time_of_day_named("9.30"));
  CHECK(!time_of_day_named("24:00"));
  CHECK(time_of_day_text(std::chrono::minutes(570)) == "09:30");
  CHECK(weekday_named("wed") == date::Wednesday);
  CHECK(weekday_name(date::Sunday) == "sun");
  CHECK(!weekday_named("Wednesday"));
  CHECK(local_day("2027-02-28"));
  CHECK(!local_day("2027-02-30"));
  CHECK(!local_day("28/2/2027"));
  REQUIRE(wall_clock_time("2027-03-28T02:30"));
  CHECK(wall_clock_text(*wall_clock_time("2027-03-28T02:30")) == "2027-03-28T02:30");
  CHECK(wall_clock_text(*wall_clock_time("2027-03-28T02:30:15")) == "2027-03-28T02:30:15");
  CHECK(!wall_clock_time("2027-03-28 02:30"));
}

TEST_CASE("the iCalendar export leaves out the control characters calendar readers drop, and keeps the rest") {
  scheduling::CalendarEvent event;
  event.uid = "post-1@kanal";
  event.starts_at = from_unix_ms(1'796'000'000'000);
  event.summary = std::string("Barnbidraget\b betalas\x7f ut\tden 20:e");
  event.description = "Rad ett\nrad\r två";
  const auto calendar = scheduling::to_icalendar({event}, event.starts_at);
  CHECK(calendar.find("SUMMARY:Barnbidraget betalas ut\tden 20:e\r\n") != std::string::npos);
  CHECK(calendar.find("DESCRIPTION:Rad ett\\nrad två\r\n") != std::string::npos);
}
