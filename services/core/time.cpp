#include "core/time.h"

#include <date/date.h>

#include <sstream>

namespace kanal {

Timestamp SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

Timestamp AdjustableClock::now() const { return SystemClock().now() + std::chrono::milliseconds(offset_ms_.load()); }

void AdjustableClock::set(Timestamp at) { offset_ms_ = (at - SystemClock().now()).count(); }

void AdjustableClock::advance(std::chrono::milliseconds by) { offset_ms_ += by.count(); }

std::int64_t to_unix_ms(Timestamp at) { return at.time_since_epoch().count(); }

Timestamp from_unix_ms(std::int64_t ms) { return Timestamp{std::chrono::milliseconds{ms}}; }

std::string to_iso8601(Timestamp at) { return date::format("%FT%TZ", at); }

std::optional<Timestamp> parse_iso8601(std::string_view text) {
  std::istringstream in{std::string{text}};
  Timestamp at;
  in >> date::parse("%FT%TZ", at);
  if (in.fail()) return std::nullopt;
  return at;
}

}  // namespace kanal
