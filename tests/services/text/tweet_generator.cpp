#include "tweet_generator.h"

#include <array>
#include <iterator>
#include <string_view>
#include <vector>

namespace kanal::test {
namespace {

std::string utf8(const std::u32string& text) {
  std::string out;
  for (const char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// The lists below are space-separated; split() makes them arrays.
std::vector<std::u32string_view> split(std::u32string_view list) {
  std::vector<std::u32string_view> out;
  for (std::size_t start = 0; start < list.size();) {
    std::size_t end = list.find(U' ', start);
    if (end == std::u32string_view::npos) end = list.size();
    if (end > start) out.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

const auto kWords = split(
    U"Försäkringskassan bostadsbidrag Nav Kela Ålesund Ærø Øresund Göteborg hej tack barnbidraget utbetalning x a "
    U"ÅÄÖ åäö ØÆ kanal RT rt via Sverige Suomi Danmark Köpenhamn Tromsø Jyväskylä pension 20:e kl. e-post don't "
    U"o'clock ÆØÅæøå");

// Emoji twemoji-parser 11 knows, newer ones it does not, and broken ones:
// faces, skin tones (alone too), flags (and a lone regional indicator), ZWJ
// sequences old and new, keycaps, text and emoji style, tag flags.
const auto kEmoji = split(
    U"\U0001F600 \U0001F44D \U0001F44D\U0001F3FD \U0001F3FD \U0001F1F8\U0001F1EA \U0001F1F3\U0001F1F4 "
    U"\U0001F1EB\U0001F1EE \U0001F1E9\U0001F1F0 \U0001F1F8 \U0001F1FA\U0001F1F3 \U0001F3F3\uFE0F\u200D\U0001F308 "
    U"\U0001F3F3\u200D\U0001F308 \U0001F3F4\u200D\u2620\uFE0F \U0001F3F3\uFE0F\u200D\u26A7\uFE0F "
    U"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 \U0001F469\U0001F3FD\u200D\U0001F4BB "
    U"\U0001F468\u200D\u2695\uFE0F \U0001F9D1\u200D\U0001F91D\u200D\U0001F9D1 "
    U"\U0001F937\U0001F3FB\u200D\u2640\uFE0F \U0001F3CC\uFE0F\u200D\u2642\uFE0F \U0001F46E\u200D\u2640\uFE0F "
    U"\u2764\uFE0F\u200D\U0001F525 \U0001FAF1\U0001F3FB\u200D\U0001FAF2\U0001F3FF \U0001F441\u200D\U0001F5E8 "
    U"1\uFE0F\u20E3 #\uFE0F\u20E3 *\u20E3 0\u20E3 \U0001F51F \u263A \u263A\uFE0F \u263A\uFE0E \u2764 \u2764\uFE0F "
    U"\u00A9 \u00A9\uFE0F \u2122\uFE0F \u2122 \u2640\uFE0F \u26A7 \u231A \u2705 \u270C\U0001F3FE \u270C\uFE0F "
    U"\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F "
    U"\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F \U0001F972 \U0001FAE0 \U0001FABF "
    U"\U0001F971 \U0001F9D1 \U0001F9D1\U0001F3FF \U0001F90C\U0001F3FC \U0001F408\u200D\u2B1B "
    U"\U0001F43B\u200D\u2744\uFE0F \uFE0F \uFE0E \u200D \U0001F468\u200D \u200D\U0001F308 \U0001F46A "
    U"\U0001F595\U0001F3FF \u26F9\U0001F3FF\u200D\u2640\uFE0F \u2B50\uFE0E");

constexpr std::u32string_view kZeroWidth = U"\u200D\u200C\u200B\u2060\u200D\u200C";
constexpr std::u32string_view kBidi =
    U"\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u061C\u202E\u200F";
constexpr std::u32string_view kCjkPunctuation = U"\u3001\u3002\u300C\u300D\uFF01\uFF0C\uFF1F\u30FB";

// Ligatures, titlecase digraphs, fullwidth and mathematical letters, letters
// that NFC or case mapping changes (Kelvin, Ångström, Ohm, ſ, İ, ı, µ, ß, ẞ).
const auto kCompatibility = split(
    U"\uFB01 \uFB02 \uFB00 \uFB03 \u01C5 \u01C8 \u01CB \u01F2 \u01C4 \u01C6 \uFF21 \uFF42 \uFF10 \uFF20 \uFF03 "
    U"\uFF04 \U0001D49C \U0001D400 \U0001D538 \U0001D552 \U0001D7D8 \u210C \u212A \u212B \u2126 \u2460 \u338F "
    U"\u017F \u0130 \u0131 \u00B5 \u00DF \u1E9E \u2122 \u2121 \u2026 \u00BD \u2163 \u1D2C \u02B0 \u0587 \uFB4F "
    U"\u3300 \u33A1 \u00AA \u03C2 \u0345 \u1FBE");

constexpr std::array<std::array<char32_t, 2>, 6> kMarkRanges = {
    {{0x0300, 0x036F}, {0x20D0, 0x20F0}, {0x1AB0, 0x1ABE}, {0x1DC0, 0x1DFF}, {0xFE20, 0xFE2F}, {0x0591, 0x05BD}}};

// Precomposed, and decomposed as NFC composes them (or cannot: o with a stroke).
const auto kNordic = split(U"Å Ä Ö Ø Æ å ä ö ø æ A\u030A O\u0308 a\u0308 o\u0338");

const auto kPunctuation = split(U". , ; : ! ? ( ) [ ] \" ' - \u2013 \u2014 \u2026 / & * % \u00AB \u00BB");

// Spaces twitter-text knows, and some it does not (U+200B, U+FEFF, U+2060).
constexpr std::u32string_view kSpaces =
    U"\u0020\u0020\u00A0\u0009\u000A\u000D\u000B\u000C\u2000\u2003\u2009\u200A\u3000\u205F\u1680\u180E\u0085"
    U"\u2028\u2029\u202F\u200B\uFEFF\u2007\u2060";

const auto kSchemes = split(U"- - - http:// https:// https:// HTTPS:// Http:// ftp:// hxxp://");  // "-": none

const auto kLabels = split(
    U"kanal www nav forsakringskassan försäkringskassan kela t bit example a-b a_b xn--fsq xn--bcher-kva bücher "
    U"пример 例え 한국어 WWW Kanal a 123 -x x- sub ǅ𝒜 ﬁle xn-- mail Ärende e\u0301");

const auto kTlds = split(
    U"se no fi dk com org net io co.uk jp рф 中国 한국 xn--p1ai SE Com invalidtld c co is museum ax eu de onion "
    U"ninja xn-- ﬁ");

const auto kPaths = split(
    U"/a /x/y-z /ÅÄÖ /путь /a_(b) /a(b)c /%20 /~user /@user/ / /sv/ärende /a.b /a- /#frag /a+b /a=b /x/(y(z)) "
    U"/例 /a\u2013b /a|b /a! /a'");

const auto kQueries = split(U"?a=1&b=2 ?q=ÅÄÖ ?x=(y) ?a=1. ? ?a=b#c ?q=x,y ?id=42 ?utm=a! ?a=1&");

// What a URL may be glued to in front, and after.
const auto kGlue = split(
    U"x ǅ𝒜 1 ( \" \u00AB [ @ # $ - _ . / : \U0001F600 日本 \u200D \u200F \uFEFF \u202E Å \uFF20 \uFF03 RT é "
    U"\u0301 \u212A");
const auto kTails =
    split(U". , ) ). ! ? \u2026 x 日本 \U0001F44D 's : \uFEFF \u200D \u200F \u3002 Å \" ] ... / - _ @a #b \u0301");

const auto kMentionNames = split(
    U"maja Kanal_SE a _ x1 averyveryverylongname123 exactlytwentycharss1 nav Nav_no user ab k ÅÄÖ maja.lind "
    U"maja-lind 12345 KELA_fi a_b_c");

const auto kHashtagParts = split(
    U"tag Tagg 123 _ ÅÄÖ bostadsbidrag 한국 日本 \u200D \u200C \U0001F600 \uFE0F \u20E3 & # é e\u0301 "
    U"\u05D0\u05D1 \u0661 \U0001D49C ﬁ ǅ \u00B7 \u30FB");

const auto kCashtags = split(U"SEK aapl BRK.A ab_cd toolongname NOK eur X abc.de A1 ÅÄÖ nok_");

}  // namespace

std::vector<std::string> TweetGenerator::texts(std::size_t count) {
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.push_back(next());
  return out;
}

std::string TweetGenerator::next() {
  // Most texts are tweet-sized; some run far past 280 weighted characters.
  const std::size_t fragments = chance(12) ? 40 + pick(120) : 1 + pick(12);
  std::u32string text;
  for (std::size_t i = 0; i < fragments; ++i) {
    if (i > 0) text += separator();
    text += fragment();
  }
  return utf8(text);
}

std::u32string TweetGenerator::separator() {
  const std::size_t kind = pick(100);
  if (kind < 50) return U" ";
  if (kind < 70) return U"";  // glued
  if (kind < 85) return whitespace();
  return std::u32string(one_of(kPunctuation));
}

std::u32string TweetGenerator::fragment() {
  switch (pick(20)) {
    case 0:
    case 1: return word();
    case 2:
    case 3: return emoji();
    case 4: return {one_of(kZeroWidth)};
    case 5: return {one_of(kBidi)};
    case 6: return chance(80) ? U"\uFEFF" : (chance(50) ? U"\uFFFE" : U"\uFFFF");
    case 7: return cjk();
    case 8: return hangul();
    case 9: return compatibility();
    case 10: return combining();
    case 11: return std::u32string(one_of(kNordic));
    case 12:
    case 13:
    case 14: return url();
    case 15: return cashtag();
    case 16: return mention();
    case 17: return hashtag();
    case 18: return whitespace();
    default: {
      std::u32string digits;
      for (std::size_t n = 1 + pick(4); n > 0; --n) digits += static_cast<char32_t>(U'0' + pick(10));
      return chance(50) ? digits : std::u32string(one_of(kPunctuation));
    }
  }
}

std::u32string TweetGenerator::word() {
  std::u32string w(one_of(kWords));
  if (chance(10)) w += one_of(kNordic);
  return w;
}

std::u32string TweetGenerator::emoji() {
  std::u32string e(one_of(kEmoji));
  // Sequences glued together, or joined to whatever follows.
  if (chance(20)) e += one_of(kEmoji);
  if (chance(10)) e += U"\u200D";
  return e;
}

std::u32string TweetGenerator::cjk() {
  std::u32string out;
  for (std::size_t n = 1 + pick(6); n > 0; --n) {
    out += chance(85) ? in_range(0x4E00, 0x9FFF) : (chance(50) ? in_range(0x3041, 0x30FF) : one_of(kCjkPunctuation));
  }
  if (chance(10)) out += U"\u3000";
  return out;
}

std::u32string TweetGenerator::hangul() {
  std::u32string out;
  for (std::size_t n = 1 + pick(4); n > 0; --n) {
    switch (pick(4)) {
      case 0:
      case 1: out += in_range(0xAC00, 0xD7A3); break;  // precomposed syllables
      case 2:                                          // conjoining jamo, which NFC composes
        out += in_range(0x1100, 0x1112);
        out += in_range(0x1161, 0x1175);
        if (chance(50)) out += in_range(0x11A8, 0x11C2);
        break;
      default: out += in_range(0x3131, 0x318E); break;  // compatibility jamo
    }
  }
  return out;
}

std::u32string TweetGenerator::compatibility() {
  std::u32string out;
  for (std::size_t n = 1 + pick(3); n > 0; --n) out += one_of(kCompatibility);
  return out;
}

std::u32string TweetGenerator::combining() {
  std::u32string out;
  if (chance(80)) out += chance(50) ? static_cast<char32_t>(U'a' + pick(26)) : std::u32string(one_of(kNordic))[0];
  for (std::size_t n = 1 + pick(3); n > 0; --n) {
    const auto& range = one_of(kMarkRanges);
    out += in_range(range[0], range[1]);
  }
  return out;
}

std::u32string TweetGenerator::url_host() {
  std::u32string host;
  if (chance(10)) {
    // A label past the 63 characters DNS allows.
    for (std::size_t n = 60 + pick(10); n > 0; --n) host += static_cast<char32_t>(U'a' + pick(26));
    host += U".";
  }
  for (std::size_t n = 1 + pick(3); n > 0; --n) {
    host += one_of(kLabels);
    host += U".";
  }
  host += one_of(kTlds);
  if (chance(15)) host += U":" + std::u32string(chance(80) ? U"8080" : U"99999999");
  return host;
}

std::u32string TweetGenerator::url_tail() {
  std::u32string tail;
  if (chance(60)) {
    for (std::size_t n = 1 + pick(3); n > 0; --n) tail += one_of(kPaths);
  }
  if (chance(30)) tail += one_of(kQueries);
  if (chance(10)) tail += U"#anchor";
  return tail;
}

std::u32string TweetGenerator::url() {
  std::u32string out;
  if (chance(55)) out += glue();
  if (chance(12)) {
    // t.co links take no path past their slug, and a slug has at most 40 characters.
    out += chance(80) ? U"https://t.co/" : U"t.co/";
    for (std::size_t n = chance(85) ? 1 + pick(12) : 41 + pick(5); n > 0; --n) {
      out += static_cast<char32_t>(chance(70) ? U'a' + pick(26) : U'0' + pick(10));
    }
    if (chance(30)) out += one_of(kPaths);
    if (chance(20)) out += one_of(kQueries);
  } else {
    if (const auto scheme = one_of(kSchemes); scheme != U"-") out += scheme;
    out += url_host();
    out += url_tail();
  }
  if (chance(50)) out += one_of(kTails);
  return out;
}

std::u32string TweetGenerator::glue() { return std::u32string(one_of(kGlue)); }

std::u32string TweetGenerator::mention() {
  std::u32string out;
  if (chance(25)) out += glue();
  if (chance(10)) out += chance(50) ? U"RT" : U"rt:";
  out += chance(85) ? U'@' : U'\uFF20';
  out += one_of(kMentionNames);
  if (chance(15)) out += U"/" + std::u32string(chance(70) ? U"lista" : U"1list");
  if (chance(10)) out += U"@mastodon.social";
  if (chance(25)) out += one_of(kTails);
  return out;
}

std::u32string TweetGenerator::hashtag() {
  std::u32string out;
  if (chance(25)) out += glue();
  out += chance(85) ? U'#' : U'\uFF03';
  for (std::size_t n = 1 + pick(4); n > 0; --n) out += one_of(kHashtagParts);
  if (chance(25)) out += one_of(kTails);
  return out;
}

std::u32string TweetGenerator::cashtag() {
  std::u32string out;
  if (chance(20)) out += glue();
  out += U"$";
  out += one_of(kCashtags);
  if (chance(25)) out += one_of(kTails);
  return out;
}

std::u32string TweetGenerator::whitespace() {
  std::u32string out;
  for (std::size_t n = 1 + pick(2); n > 0; --n) out += one_of(kSpaces);
  return out;
}

}  // namespace kanal::test
