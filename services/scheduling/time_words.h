#pragma once
// Times and days as people write them in requests, files and slots:
// "2027-01-25T09:00", "2027-01-25", "09:00", "mon". Each reader returns
// nothing for text it cannot read; callers say which field was wrong.

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "scheduling/wall_clock.h"

namespace kanal::scheduling {

// "mon" … "sun".
std::optional<date::weekday> weekday_named(std::string_view word);
std::string weekday_name(date::weekday day);
// "09:00" (24-hour).
std::optional<std::chrono::minutes> time_of_day_named(std::string_view text);
std::string time_of_day_text(std::chrono::minutes time);
// "2027-01-25".
std::optional<date::local_days> local_day(std::string_view text);
// "2027-01-25T09:00" or "2027-01-25T09:00:30".
std::optional<LocalTime> wall_clock_time(std::string_view text);
// "2027-01-25T09:00" (seconds only when not zero).
std::string wall_clock_text(LocalTime at);

}  // namespace kanal::scheduling
