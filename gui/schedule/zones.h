#pragma once
// The time zones and public-holiday calendars people pick from: the
// Nordic countries and Western Europe, where Kanal's agencies are.

#include <string>
#include <vector>

namespace kanal::gui {

struct Country {
  std::string code;  // the calendar's ("se")
  std::string zone;  // its clock ("Europe/Stockholm")
  const char* name;  // in English; shown translated
};

const std::vector<Country>& countries();
const std::vector<std::string>& zones();
// This computer's zone (IANA name), or "UTC" when the system does not say.
std::string local_zone();

}  // namespace kanal::gui
