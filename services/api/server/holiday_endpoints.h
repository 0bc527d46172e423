#pragma once
// Public holidays as the workspace keeps them: DATA_DIR/calendars/CC.txt
// when an admin has put one there (a copy of assets/calendars/CC.txt to
// edit), else the calendar built into Kanal. Read at each use, so an edit
// counts at once; a file with a wrong line is refused naming the file and
// the line.
//   GET /api/v1/holidays?country=se&from=2027-01-01&to=2027-12-31

#include <filesystem>
#include <string>

#include "api/server/router.h"
#include "scheduling/holidays.h"

namespace kanal::api {

class HolidayCalendars {
 public:
  // An empty directory: only the built-in calendars.
  explicit HolidayCalendars(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}

  // Throws Error(invalid_input, field "calendar") for a country without a calendar or a wrong file.
  scheduling::HolidayCalendar calendar(const std::string& country) const;

 private:
  std::filesystem::path data_dir_;
};

void add_holiday_endpoints(Router& router, const HolidayCalendars& calendars);

}  // namespace kanal::api
