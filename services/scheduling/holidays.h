#pragma once
// Public holidays as rules (assets/calendars/README.md has the format), and
// the working days they leave: the payment-day rule and the calendar view
// need both.

#include <date/date.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kanal::scheduling {

using Day = date::sys_days;

struct HolidayRule {
  enum class Kind { fixed, easter, weekday_in_range, first_weekday, last_weekday };
  Kind kind = Kind::fixed;
  unsigned month = 0, day = 0;          // fixed; start of the range
  unsigned end_month = 0, end_day = 0;  // end of the range
  int offset = 0;                       // days from Easter Sunday
  date::weekday weekday;
  bool substitute = false;  // on a weekend, the next weekday off instead
  std::string name;
  int line = 0;
};

class HolidayCalendar {
 public:
  // Throws Error(invalid_input) naming the line and what is wrong with it.
  static HolidayCalendar parse(std::string_view text);
  // Kanal's calendar for a country code ("se", "dk", "no", "fi", "de", "gb"); empty if none.
  static std::string_view builtin(std::string_view country);

  // The holidays of `year`, by day.
  std::map<Day, std::string> holidays(int year) const;
  bool is_holiday(Day day) const;
  // Not a Saturday, Sunday or holiday.
  bool is_working_day(Day day) const;
  // `day` if it is a working day, else the closest working day before it;
  // Error(invalid_input) when the calendar leaves none in the 60 days up to it.
  Day working_day_on_or_before(Day day) const;

  const std::vector<HolidayRule>& rules() const { return rules_; }

 private:
  std::vector<HolidayRule> rules_;
};

// Easter Sunday of `year` (Gregorian; the anonymous algorithm).
Day easter_sunday(int year);

}  // namespace kanal::scheduling
