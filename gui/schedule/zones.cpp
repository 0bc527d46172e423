#include "schedule/zones.h"

#include <date/tz.h>

namespace kanal::gui {

const std::vector<Country>& countries() {
  static const std::vector<Country> all{
      {"se", "Europe/Stockholm", "Sweden"},   {"no", "Europe/Oslo", "Norway"},
      {"dk", "Europe/Copenhagen", "Denmark"}, {"fi", "Europe/Helsinki", "Finland"},
      {"de", "Europe/Berlin", "Germany"},     {"gb", "Europe/London", "United Kingdom"},
  };
  return all;
}

const std::vector<std::string>& zones() {
  static const std::vector<std::string> all{"Europe/Stockholm", "Europe/Oslo",        "Europe/Copenhagen",
                                            "Europe/Helsinki",  "Atlantic/Reykjavik", "Europe/Berlin",
                                            "Europe/London",    "Europe/Dublin",      "Europe/Amsterdam",
                                            "Europe/Brussels",  "Europe/Luxembourg",  "Europe/Paris",
                                            "Europe/Vienna",    "Europe/Zurich",      "Europe/Madrid",
                                            "Europe/Lisbon",    "Europe/Rome",        "UTC"};
  return all;
}

std::string local_zone() {
  try {
    return date::current_zone()->name();
  } catch (const std::exception&) {
    return "UTC";
  }
}

}  // namespace kanal::gui
