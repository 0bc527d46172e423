#include "core/utf8.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace kanal::utf8 {

std::optional<std::size_t> code_points(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) return std::nullopt;  // ICU's offsets are 32-bit
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t offset = 0;
  std::size_t count = 0;
  while (offset < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, offset, length, c);
    // U8_NEXT yields a negative value for ill-formed sequences; surrogates
    // and non-characters encoded in UTF-8 are rejected by it as well.
    if (c < 0) return std::nullopt;
    ++count;
  }
  return count;
}

bool is_valid(std::string_view text) { return code_points(text).has_value(); }

std::string preview(std::string_view text, std::size_t max_code_points) {
  const auto kept = prefix(text, max_code_points);
  std::string out(kept);
  for (auto& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (kept.size() < text.size()) out += "\u2026";
  return out;
}

std::string repaired(std::string_view text) {
  if (is_valid(text)) return std::string(text);
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  std::string out;
  out.reserve(text.size());
  std::int32_t offset = 0;
  while (offset < length) {
    const auto start = offset;
    UChar32 c = 0;
    U8_NEXT(bytes, offset, length, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(offset - start)));
    }
  }
  return out;
}

std::string_view prefix(std::string_view text, std::size_t max_code_points) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  std::int32_t offset = 0;
  for (std::size_t count = 0; offset < length && count < max_code_points; ++count) {
    const auto before = offset;
    UChar32 c = 0;
    U8_NEXT(bytes, offset, length, c);
    if (c < 0) {  // never hand on half a character
      offset = before;
      break;
    }
  }
  return text.substr(0, static_cast<std::size_t>(offset));
}

}  // namespace kanal::utf8
