#include "api/server/holiday_endpoints.h"

#include <fstream>
#include <sstream>

#include "api/wire/schedule.h"
#include "core/error.h"
#include "scheduling/time_words.h"

namespace kanal::api {
namespace {

constexpr int kMostYears = 5;

bool is_country_code(const std::string& country) {
  return country.size() == 2 && std::islower(static_cast<unsigned char>(country[0])) &&
         std::islower(static_cast<unsigned char>(country[1]));
}

}  // namespace

scheduling::HolidayCalendar HolidayCalendars::calendar(const std::string& country) const {
  if (!is_country_code(country)) {
    throw Error(ErrorCode::invalid_input, "calendar must be a country code like se", "calendar");
  }
  const auto file = data_dir_.empty() ? std::filesystem::path() : data_dir_ / "calendars" / (country + ".txt");
  if (!file.empty() && std::filesystem::exists(file)) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    try {
      return scheduling::HolidayCalendar::parse(text.str());
    } catch (const Error& e) {
      throw Error(ErrorCode::invalid_input, "the workspace's calendar " + file.string() + ", " + e.detail(),
                  "calendar");
    }
  }
  const auto builtin = scheduling::HolidayCalendar::builtin(country);
  if (builtin.empty()) {
    throw Error(ErrorCode::invalid_input,
                "no public-holiday calendar for '" + country + "' (built in: se, dk, no, fi, de, gb)", "calendar");
  }
  return scheduling::HolidayCalendar::parse(builtin);
}

void add_holiday_endpoints(Router& router, const HolidayCalendars& calendars) {
  router.add("GET", "/api/v1/holidays", Permission::read, [&calendars](const Request& request) {
    const auto calendar = calendars.calendar(request.query_value("country").value_or("se"));
    const auto from = scheduling::local_day(request.query_value("from").value_or(""));
    const auto to = scheduling::local_day(request.query_value("to").value_or(""));
    if (!from) throw Error(ErrorCode::invalid_input, "from must be a day like 2027-01-01", "from");
    if (!to || *to < *from) throw Error(ErrorCode::invalid_input, "to must be a day on or after from", "to");
    const int first_year = int(date::year_month_day{*from}.year());
    const int last_year = int(date::year_month_day{*to}.year());
    if (last_year - first_year >= kMostYears) {
      throw Error(ErrorCode::invalid_input, "at most five years at once", "to");
    }
    std::vector<wire::Holiday> holidays;
    for (int year = first_year; year <= last_year; ++year) {
      for (const auto& [day, name] : calendar.holidays(year)) {
        const date::local_days local{day.time_since_epoch()};
        if (local < *from || local > *to) continue;
        holidays.push_back(wire::Holiday{date::format("%Y-%m-%d", local), name});
      }
    }
    return Response::json(200, wire::to_json(holidays));
  });
}

}  // namespace kanal::api
