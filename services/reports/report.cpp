#include "reports/report.h"

namespace kanal::reports {

std::string_view to_string(Granularity granularity) {
  switch (granularity) {
    case Granularity::hour: return "hour";
    case Granularity::day: return "day";
    case Granularity::week: return "week";
  }
  return "day";
}

std::optional<Granularity> parse_granularity(std::string_view text) {
  for (const auto granularity : {Granularity::hour, Granularity::day, Granularity::week}) {
    if (text == to_string(granularity)) return granularity;
  }
  return std::nullopt;
}

}  // namespace kanal::reports
