#include "text/twitter_js_case.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

namespace kanal::text::twitter {
namespace {

constexpr int kUnits = 0x10000;

// ECMAScript's Canonicalize(ch) for an expression with i and without u.
char16_t canonical(char16_t c) {
  if (U16_IS_SURROGATE(c)) return c;
  UChar upper[4];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length = u_strToUpper(upper, 4, &c, 1, "", &status);
  if (U_FAILURE(status) || length != 1) return c;
  if (c >= 128 && upper[0] < 128) return c;
  return upper[0];
}

// One representative per canonical class: the class's lower case where it
// has one (so [a-z] stays [a-z]), else its smallest member.
const std::vector<char16_t>& representatives() {
  static const std::vector<char16_t> table = [] {
    std::vector<char16_t> canon(kUnits);
    for (int c = 0; c < kUnits; ++c) canon[c] = canonical(static_cast<char16_t>(c));
    std::vector<int> chosen(kUnits, -1);  // canonical value → representative
    for (int c = 0; c < kUnits; ++c) {
      if (chosen[canon[c]] < 0) chosen[canon[c]] = c;
    }
    for (int k = 0; k < kUnits; ++k) {
      if (chosen[k] < 0) continue;
      const UChar32 lower = u_tolower(k);
      if (lower < kUnits && canon[lower] == k) chosen[k] = lower;
    }
    std::vector<char16_t> out(kUnits);
    for (int c = 0; c < kUnits; ++c) out[c] = static_cast<char16_t>(chosen[canon[c]]);
    return out;
  }();
  return table;
}

icu::UnicodeSet closed(const icu::UnicodeSet& set) {
  icu::UnicodeSet out(set);
  const auto& table = representatives();
  for (int32_t r = 0; r < set.getRangeCount(); ++r) {
    const UChar32 end = std::min<UChar32>(set.getRangeEnd(r), kUnits - 1);
    for (UChar32 c = set.getRangeStart(r); c <= end; ++c) out.add(table[c]);
  }
  return out;
}

std::string pattern_of(const icu::UnicodeSet& set) {
  icu::UnicodeString pattern;
  set.toPattern(pattern, true);
  std::string out;
  pattern.toUTF8String(out);
  return out;
}

}  // namespace

UChar32 js_representative(UChar32 c) { return c < kUnits ? representatives()[c] : c; }

icu::UnicodeString js_matching_text(const icu::UnicodeString& text, bool split_surrogates) {
  const auto& table = representatives();
  icu::UnicodeString out(text);
  char16_t* units = out.getBuffer(out.length());
  for (int i = 0; i < text.length(); ++i) {
    const char16_t unit = text.charAt(i);
    units[i] = split_surrogates && U16_IS_SURROGATE(unit) ? char16_t{0xFFFD} : table[unit];
  }
  out.releaseBuffer(text.length());
  return out;
}

std::string js_class(const icu::UnicodeSet& set) { return pattern_of(closed(set)); }

std::string js_negated_class(const icu::UnicodeSet& set) {
  icu::UnicodeSet complement = closed(set);
  complement.complement();
  return pattern_of(complement);
}

std::string exact_class(const icu::UnicodeSet& set) { return pattern_of(set); }

std::string js_literal(const icu::UnicodeString& literal) {
  std::string out;
  for (int i = 0; i < literal.length(); i = literal.moveIndex32(i, 1)) {
    const UChar32 c = js_representative(literal.char32At(i));
    if (c < 0x80 && std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "\\x{%X}", static_cast<unsigned>(c));
      out += buffer;
    }
  }
  return out;
}

}  // namespace kanal::text::twitter
