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

namespace {

// YYYY-MM-DDTHH:MM:SS, a fraction of up to nine digits, then Z. date::parse
// reads odd fields (a one-digit hour, a minute of "000") into a NaN it then
// converts to an integer, which is undefined (a fuzzer found it): only this
// shape reaches it.
bool has_rfc3339_shape(std::string_view text) {
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd";
  if (text.size() <= shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (shape[i] == 'd' ? !digit : text[i] != shape[i]) return false;
  }
  auto rest = text.substr(shape.size());
  if (rest.front() == '.') {
    std::size_t digits = 0;
    while (digits + 1 < rest.size() && rest[digits + 1] >= '0' && rest[digits + 1] <= '9') ++digits;
    if (digits == 0 || digits > 9) return false;
    rest.remove_prefix(digits + 1);
  }
  return rest == "Z";
}

}  // namespace

std::optional<Timestamp> parse_iso8601(std::string_view text) {
  if (!has_rfc3339_shape(text)) return std::nullopt;
  // Kanal keeps milliseconds: finer fractions (AT Protocol's microseconds) are cut.
  std::string kept(text);
  if (kept.size() > 24 && kept[19] == '.') kept = kept.substr(0, 23) + "Z";
  std::istringstream in{kept};
  Timestamp at;
  in >> date::parse("%FT%TZ", at);
  if (in.fail()) return std::nullopt;
  return at;
}

}  // namespace kanal
