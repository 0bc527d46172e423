#include "scheduling/holidays.h"

#include <charconv>
#include <optional>
#include <sstream>

#include "core/error.h"
#include "scheduling/time_words.h"

// The calendars in assets/calendars, compiled in (cmake/EmbedFile.cmake).
extern const std::string_view kanal_calendar_se;
extern const std::string_view kanal_calendar_dk;
extern const std::string_view kanal_calendar_no;
extern const std::string_view kanal_calendar_fi;
extern const std::string_view kanal_calendar_de;
extern const std::string_view kanal_calendar_gb;

namespace kanal::scheduling {
namespace {

using namespace date;

[[noreturn]] void refuse(int line, const std::string& why) {
  throw Error(ErrorCode::invalid_input, "line " + std::to_string(line) + ": " + why, "calendar");
}

bool is_weekend(Day day) {
  const weekday wd{day};
  return wd == Saturday || wd == Sunday;
}

// "MM-DD" → month and day (checked against a leap year, so 02-29 reads).
bool month_day(std::string_view text, unsigned& month, unsigned& day) {
  if (text.size() != 5 || text[2] != '-') return false;
  auto number = [](std::string_view digits, unsigned& out) {
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc{} && end == digits.data() + digits.size();
  };
  if (!number(text.substr(0, 2), month) || !number(text.substr(3, 2), day)) return false;
  return (year{2024} / date::month{month} / date::day{day}).ok();
}

HolidayRule parse_rule(const std::string& line_text, int line) {
  std::istringstream words(line_text);
  std::string first;
  words >> first;
  HolidayRule rule;
  rule.line = line;
  std::string rest;
  if (first.rfind("easter", 0) == 0) {
    rule.kind = HolidayRule::Kind::easter;
    const auto offset = first.substr(6);
    if (!offset.empty()) {
      const char* begin = offset.data() + (offset[0] == '+' ? 1 : 0);
      const auto [end, ec] = std::from_chars(begin, offset.data() + offset.size(), rule.offset);
      if (ec != std::errc{} || end != offset.data() + offset.size() || (offset[0] != '+' && offset[0] != '-')) {
        refuse(line, "\"" + first + "\" is not easter+N or easter-N");
      }
    }
  } else if (first == "first" || first == "last") {
    std::string day, month;
    words >> day >> month;
    const auto wd = weekday_named(day);
    unsigned m = 0;
    const auto [end, ec] = std::from_chars(month.data(), month.data() + month.size(), m);
    if (!wd || ec != std::errc{} || end != month.data() + month.size() || m < 1 || m > 12) {
      refuse(line, "write \"" + first + " DAY MM\", e.g. \"" + first + " mon 05\"");
    }
    rule.kind = first == "first" ? HolidayRule::Kind::first_weekday : HolidayRule::Kind::last_weekday;
    rule.weekday = *wd;
    rule.month = m;
  } else if (const auto wd = weekday_named(first)) {
    std::string range;
    words >> range;
    const auto dots = range.find("..");
    if (dots == std::string::npos || !month_day(range.substr(0, dots), rule.month, rule.day) ||
        !month_day(range.substr(dots + 2), rule.end_month, rule.end_day)) {
      refuse(line, "write \"" + first + " MM-DD..MM-DD\"");
    }
    rule.kind = HolidayRule::Kind::weekday_in_range;
    rule.weekday = *wd;
  } else {
    std::string date_text = first;
    if (!date_text.empty() && date_text.back() == '!') {
      rule.substitute = true;
      date_text.pop_back();
    }
    if (!month_day(date_text, rule.month, rule.day)) {
      refuse(line, "\"" + first + "\" is not a rule (MM-DD, easter±N, DAY MM-DD..MM-DD, first|last DAY MM)");
    }
  }
  std::getline(words, rest);
  const auto start = rest.find_first_not_of(" \t");
  rule.name = start == std::string::npos ? std::string() : rest.substr(start);
  if (rule.name.empty()) refuse(line, "the holiday needs a name");
  return rule;
}

}  // namespace

std::string_view HolidayCalendar::builtin(std::string_view country) {
  if (country == "se") return kanal_calendar_se;
  if (country == "dk") return kanal_calendar_dk;
  if (country == "no") return kanal_calendar_no;
  if (country == "fi") return kanal_calendar_fi;
  if (country == "de") return kanal_calendar_de;
  if (country == "gb") return kanal_calendar_gb;
  return {};
}

HolidayCalendar HolidayCalendar::parse(std::string_view text) {
  HolidayCalendar calendar;
  std::istringstream lines{std::string(text)};
  std::string line_text;
  int line = 0;
  while (std::getline(lines, line_text)) {
    ++line;
    const auto start = line_text.find_first_not_of(" \t\r");
    if (start == std::string::npos || line_text[start] == '#') continue;
    if (line_text.back() == '\r') line_text.pop_back();
    calendar.rules_.push_back(parse_rule(line_text.substr(start), line));
  }
  return calendar;
}

Day easter_sunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Day{year{y} / date::month(static_cast<unsigned>(month)) / date::day(static_cast<unsigned>(day))};
}

std::map<Day, std::string> HolidayCalendar::holidays(int y) const {
  std::map<Day, std::string> days;
  std::vector<std::pair<Day, std::string>> moved;  // substitutes, placed once the rest are known
  for (const auto& rule : rules_) {
    switch (rule.kind) {
      case HolidayRule::Kind::fixed: {
        const year_month_day ymd{year{y} / date::month{rule.month} / date::day{rule.day}};
        if (!ymd.ok()) break;  // 29 February in a common year
        const Day day{ymd};
        if (rule.substitute && is_weekend(day)) {
          moved.emplace_back(day, rule.name);
        } else {
          days.emplace(day, rule.name);
        }
        break;
      }
      case HolidayRule::Kind::easter: days.emplace(easter_sunday(y) + date::days{rule.offset}, rule.name); break;
      case HolidayRule::Kind::weekday_in_range: {
        const Day from{year{y} / date::month{rule.month} / date::day{rule.day}};
        const Day to{year{y} / date::month{rule.end_month} / date::day{rule.end_day}};
        for (Day day = from; day <= to; day += date::days{1}) {
          if (weekday{day} == rule.weekday) {
            days.emplace(day, rule.name);
            break;
          }
        }
        break;
      }
      case HolidayRule::Kind::first_weekday:
        days.emplace(Day{year{y} / date::month{rule.month} / rule.weekday[1]}, rule.name);
        break;
      case HolidayRule::Kind::last_weekday:
        days.emplace(Day{year{y} / date::month{rule.month} / rule.weekday[date::last]}, rule.name);
        break;
    }
  }
  for (const auto& [day, name] : moved) {
    Day substitute = day;
    while (is_weekend(substitute) || days.count(substitute) != 0) substitute += date::days{1};
    days.emplace(substitute, name + " (substitute day)");
  }
  return days;
}

bool HolidayCalendar::is_holiday(Day day) const {
  const auto y = static_cast<int>(year_month_day{day}.year());
  // A substitute can fall in January for a day of the year before.
  return holidays(y).count(day) != 0 || holidays(y - 1).count(day) != 0;
}

bool HolidayCalendar::is_working_day(Day day) const { return !is_weekend(day) && !is_holiday(day); }

Day HolidayCalendar::working_day_on_or_before(Day day) const {
  // Bounded: a real calendar has working days in any two months. One that
  // has none (a fuzzer wrote it) is refused, not answered with a holiday.
  const auto asked = day;
  for (int i = 0; i < 60; ++i, day -= date::days{1}) {
    if (is_working_day(day)) return day;
  }
  throw Error(ErrorCode::invalid_input,
              "the holiday calendar leaves no working day in the 60 days up to " + date::format("%F", asked));
}

}  // namespace kanal::scheduling
