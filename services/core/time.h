#pragma once
// All times in Kanal are UTC instants with millisecond precision.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kanal {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// Injected wherever "now" matters, so tests can hold time still.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// The system's clock moved on by an offset: kanald's clock under
// --test-clock, so tests can let a day pass in a moment. It runs on
// between moves, as a real clock does.
class AdjustableClock final : public Clock {
 public:
  Timestamp now() const override;
  void set(Timestamp at);
  void advance(std::chrono::milliseconds by);

 private:
  std::atomic<std::int64_t> offset_ms_{0};
};

std::int64_t to_unix_ms(Timestamp at);
Timestamp from_unix_ms(std::int64_t ms);

// RFC 3339 in UTC, e.g. "2026-11-25T06:00:00.000Z".
std::string to_iso8601(Timestamp at);
std::optional<Timestamp> parse_iso8601(std::string_view text);

}  // namespace kanal
