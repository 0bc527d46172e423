// A workspace's holiday calendar file. One that reads gives each year's
// holidays, and the working day on or before any day is a working day no
// later than it.
#include "fuzz_support.h"
#include "scheduling/holidays.h"

using namespace kanal;
using namespace date::literals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::refused_or_read([&] {
    const auto calendar = scheduling::HolidayCalendar::parse(fuzz::text_of(data, size));
    for (const int year : {2024, 2027, 2100}) calendar.holidays(year);
    for (const auto day : {scheduling::Day{2027_y / 1 / 1}, scheduling::Day{2027_y / 12 / 26}}) {
      const auto working = calendar.working_day_on_or_before(day);
      if (working > day || !calendar.is_working_day(working)) fuzz::broken("a working day that is not one");
    }
  });
  return 0;
}
