#include "scheduling/time_words.h"

#include <cstdio>
#include <sstream>

namespace kanal::scheduling {
namespace {

constexpr std::pair<std::string_view, unsigned> kDays[] = {{"sun", 0}, {"mon", 1}, {"tue", 2}, {"wed", 3},
                                                           {"thu", 4}, {"fri", 5}, {"sat", 6}};

// Reads all of `text` with `format`, or nothing.
template <class T>
std::optional<T> read_all(std::string_view text, const char* format) {
  std::istringstream in{std::string(text)};
  T value{};
  in >> date::parse(format, value);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<date::weekday> weekday_named(std::string_view word) {
  for (const auto& [name, number] : kDays) {
    if (name == word) return date::weekday{number};
  }
  return std::nullopt;
}

std::string weekday_name(date::weekday day) { return std::string(kDays[day.c_encoding()].first); }

std::optional<std::chrono::minutes> time_of_day_named(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return std::chrono::minutes(hours * 60 + minutes);
}

std::string time_of_day_text(std::chrono::minutes time) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(time.count() / 60),
                static_cast<int>(time.count() % 60));
  return text;
}

std::optional<date::local_days> local_day(std::string_view text) {
  return read_all<date::local_days>(text, "%Y-%m-%d");
}

std::optional<LocalTime> wall_clock_time(std::string_view text) {
  if (auto at = read_all<LocalTime>(text, "%Y-%m-%dT%H:%M:%S")) return at;
  return read_all<LocalTime>(text, "%Y-%m-%dT%H:%M");
}

std::string wall_clock_text(LocalTime at) {
  const auto seconds = at - date::floor<std::chrono::minutes>(at);
  return seconds.count() == 0 ? date::format("%Y-%m-%dT%H:%M", date::floor<std::chrono::minutes>(at))
                              : date::format("%Y-%m-%dT%H:%M:%S", at);
}

}  // namespace kanal::scheduling
