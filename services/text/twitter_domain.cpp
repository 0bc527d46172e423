#include "text/twitter_domain.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace kanal::text::twitter {
namespace {

constexpr int kMaxLabelLength = 63;

// RFC 3492's parameters.
constexpr std::int64_t kMaxInt = 2147483647;
constexpr std::int64_t kBase = 36;
constexpr std::int64_t kTMin = 1;
constexpr std::int64_t kTMax = 26;
constexpr std::int64_t kSkew = 38;
constexpr std::int64_t kDamp = 700;
constexpr std::int64_t kInitialBias = 72;
constexpr std::int64_t kInitialN = 128;

std::int64_t adapt(std::int64_t delta, std::int64_t points, bool first) {
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / points;
  std::int64_t k = 0;
  for (; delta > ((kBase - kTMin) * kTMax) / 2; k += kBase) delta /= kBase - kTMin;
  return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
}

// Code points as JavaScript's punycode reads a string: a lone surrogate is
// a code point of its own.
std::vector<std::int64_t> code_points(const icu::UnicodeString& text) {
  std::vector<std::int64_t> out;
  for (int i = 0; i < text.length(); ++i) {
    const char16_t unit = text.charAt(i);
    if (U16_IS_LEAD(unit) && i + 1 < text.length() && U16_IS_TRAIL(text.charAt(i + 1))) {
      out.push_back(U16_GET_SUPPLEMENTARY(unit, text.charAt(i + 1)));
      ++i;
    } else {
      out.push_back(unit);
    }
  }
  return out;
}

// The length of RFC 3492's encoding of `text` (without "xn--"), or nullopt
// where the encoder gives up (an overflow).
std::optional<std::int64_t> encoded_length(const icu::UnicodeString& text) {
  const std::vector<std::int64_t> input = code_points(text);
  std::int64_t length = 0;
  for (const auto c : input) length += c < 0x80 ? 1 : 0;
  const std::int64_t basic = length;
  if (basic > 0) ++length;  // the delimiter
  std::int64_t n = kInitialN;
  std::int64_t delta = 0;
  std::int64_t bias = kInitialBias;
  auto handled = basic;
  while (handled < static_cast<std::int64_t>(input.size())) {
    std::int64_t m = kMaxInt;
    for (const auto c : input) {
      if (c >= n && c < m) m = c;
    }
    if (m - n > (kMaxInt - delta) / (handled + 1)) return std::nullopt;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const auto c : input) {
      if (c < n && ++delta > kMaxInt) return std::nullopt;
      if (c != n) continue;
      std::int64_t q = delta;
      for (std::int64_t k = kBase;; k += kBase) {
        const std::int64_t t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
        if (q < t) break;
        ++length;
        q = (q - t) / (kBase - t);
      }
      ++length;
      bias = adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return length;
}

bool is_separator(char16_t c) { return c == u'.' || c == 0x3002 || c == 0xFF0E || c == 0xFF61; }

// The length of punycode.toASCII(label): the parts between IDNA separators,
// each "xn--" and its encoding if it holds anything past ASCII, joined by dots.
std::optional<std::int64_t> to_ascii_length(const icu::UnicodeString& label) {
  std::int64_t length = 0;
  int start = 0;
  for (int i = 0; i <= label.length(); ++i) {
    if (i < label.length() && !is_separator(label.charAt(i))) continue;
    const icu::UnicodeString part(label, start, i - start);
    bool ascii = true;
    for (int j = 0; j < part.length(); ++j) ascii = ascii && part.charAt(j) < 0x80;
    if (ascii) {
      length += part.length();
    } else {
      const auto encoded = encoded_length(part);
      if (!encoded) return std::nullopt;
      length += 4 + *encoded;
    }
    if (i < label.length()) ++length;  // the dot
    start = i + 1;
  }
  return length;
}

}  // namespace

bool domain_labels_fit(const icu::UnicodeString& domain) {
  int start = 0;
  while (start <= domain.length()) {
    int dot = domain.indexOf(u'.', start);
    if (dot < 0) dot = domain.length();
    const auto length = to_ascii_length(icu::UnicodeString(domain, start, dot - start));
    if (!length || *length < 1 || *length > kMaxLabelLength) return false;
    start = dot + 1;
  }
  return true;
}

}  // namespace kanal::text::twitter
