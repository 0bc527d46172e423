#include "text/twitter_emoji.h"

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include <unicode/regex.h>
#include <unicode/uniset.h>

#include "core/error.h"

namespace kanal::text::twitter {
namespace {

// The emoji data of twemoji-parser 11.0.2 (MIT licence, Twitter), the parser
// twitter-text 3.1.0 counts with. Its expression is a list of alternatives
// tried in order at each position, the first that fits winning; the pattern
// below keeps that order, so that it finds the same emoji.

const std::string kSkinTone = R"([\x{1F3FB}-\x{1F3FF}])";
const std::string kGender = R"([\x{2640}\x{2642}])";
const std::string kZwj = R"(\x{200D})";
const std::string kEmojiStyle = R"(\x{FE0F})";
// An emoji that is text by default is one unless text style (U+FE0E) follows.
const std::string kUnlessTextStyle = R"((?:\x{FE0F}|(?!\x{FE0E})))";

// Man or woman, then a profession.
const std::string kProfessions =
    R"((?:[\x{2695}\x{2696}\x{2708}]\x{FE0F}|[\x{1F33E}\x{1F373}\x{1F393}\x{1F3A4}\x{1F3A8}\x{1F3EB}\x{1F3ED})"
    R"(\x{1F4BB}\x{1F4BC}\x{1F527}\x{1F52C}\x{1F680}\x{1F692}\x{1F9B0}-\x{1F9B3}]))";
// People that take a gender sign after a skin tone or U+FE0F only.
const std::string kStyledGenderBases = R"([\x{26F9}\x{1F3CB}\x{1F3CC}\x{1F574}\x{1F575}])";
// People that take a gender sign, with or without a skin tone.
const std::string kGenderBases =
    R"([\x{1F3C3}\x{1F3C4}\x{1F3CA}\x{1F46E}\x{1F471}\x{1F473}\x{1F477}\x{1F481}\x{1F482}\x{1F486}\x{1F487})"
    R"(\x{1F645}-\x{1F647}\x{1F64B}\x{1F64D}\x{1F64E}\x{1F6A3}\x{1F6B4}-\x{1F6B6}\x{1F926}\x{1F935})"
    R"(\x{1F937}-\x{1F939}\x{1F93D}\x{1F93E}\x{1F9B8}\x{1F9B9}\x{1F9D6}-\x{1F9DD}])";

// Families, couples and the other fixed ZWJ sequences, longest first (a
// shorter one is never tried before a longer one it begins).
constexpr std::u32string_view kZwjSequences[] = {
    U"\U0001F468\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F468",
    U"\U0001F468\u200D\U0001F468\u200D\U0001F466\u200D\U0001F466",
    U"\U0001F468\u200D\U0001F468\u200D\U0001F467\u200D\U0001F466",
    U"\U0001F468\u200D\U0001F468\u200D\U0001F467\u200D\U0001F467",
    U"\U0001F468\u200D\U0001F469\u200D\U0001F466\u200D\U0001F466",
    U"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466",
    U"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F467",
    U"\U0001F469\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F468",
    U"\U0001F469\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F469",
    U"\U0001F469\u200D\U0001F469\u200D\U0001F466\u200D\U0001F466",
    U"\U0001F469\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466",
    U"\U0001F469\u200D\U0001F469\u200D\U0001F467\u200D\U0001F467",
    U"\U0001F468\u200D\u2764\uFE0F\u200D\U0001F468",
    U"\U0001F468\u200D\U0001F466\u200D\U0001F466",
    U"\U0001F468\u200D\U0001F467\u200D\U0001F466",
    U"\U0001F468\u200D\U0001F467\u200D\U0001F467",
    U"\U0001F468\u200D\U0001F468\u200D\U0001F466",
    U"\U0001F468\u200D\U0001F468\u200D\U0001F467",
    U"\U0001F468\u200D\U0001F469\u200D\U0001F466",
    U"\U0001F468\u200D\U0001F469\u200D\U0001F467",
    U"\U0001F469\u200D\u2764\uFE0F\u200D\U0001F468",
    U"\U0001F469\u200D\u2764\uFE0F\u200D\U0001F469",
    U"\U0001F469\u200D\U0001F466\u200D\U0001F466",
    U"\U0001F469\u200D\U0001F467\u200D\U0001F466",
    U"\U0001F469\u200D\U0001F467\u200D\U0001F467",
    U"\U0001F469\u200D\U0001F469\u200D\U0001F466",
    U"\U0001F469\u200D\U0001F469\u200D\U0001F467",
    U"\U0001F3F3\uFE0F\u200D\U0001F308",  // rainbow flag
    U"\U0001F3F4\u200D\u2620\uFE0F",      // pirate flag
    U"\U0001F441\u200D\U0001F5E8",        // eye in speech bubble
    U"\U0001F468\u200D\U0001F466",
    U"\U0001F468\u200D\U0001F467",
    U"\U0001F469\u200D\U0001F466",
    U"\U0001F469\u200D\U0001F467",
    U"\U0001F46F\u200D\u2640\uFE0F",
    U"\U0001F46F\u200D\u2642\uFE0F",
    U"\U0001F93C\u200D\u2640\uFE0F",
    U"\U0001F93C\u200D\u2642\uFE0F",
    U"\U0001F9DE\u200D\u2640\uFE0F",
    U"\U0001F9DE\u200D\u2642\uFE0F",
    U"\U0001F9DF\u200D\u2640\uFE0F",
    U"\U0001F9DF\u200D\u2642\uFE0F",
};

// Emoji that are text by default (they yield to U+FE0E) and take no skin tone.
const std::string kTextDefault =
    R"([\x{203C}\x{2049}\x{2139}\x{2194}-\x{2199}\x{21A9}\x{21AA}\x{231A}\x{231B}\x{2328}\x{23CF}\x{23ED}-\x{23EF})"
    R"(\x{23F1}\x{23F2}\x{23F8}-\x{23FA}\x{24C2}\x{25AA}\x{25AB}\x{25B6}\x{25C0}\x{25FB}-\x{25FE}\x{2600}-\x{2604})"
    R"(\x{260E}\x{2611}\x{2614}\x{2615}\x{2618}\x{2620}\x{2622}\x{2623}\x{2626}\x{262A}\x{262E}\x{262F})"
    R"(\x{2638}-\x{263A}\x{2640}\x{2642}\x{2648}-\x{2653}\x{2660}\x{2663}\x{2665}\x{2666}\x{2668}\x{267B}\x{267F})"
    R"(\x{2692}-\x{2697}\x{2699}\x{269B}\x{269C}\x{26A0}\x{26A1}\x{26AA}\x{26AB}\x{26B0}\x{26B1}\x{26BD}\x{26BE})"
    R"(\x{26C4}\x{26C5}\x{26C8}\x{26CF}\x{26D1}\x{26D3}\x{26D4}\x{26E9}\x{26EA}\x{26F0}-\x{26F5}\x{26F8}\x{26FA})"
    R"(\x{26FD}\x{2702}\x{2708}\x{2709}\x{270F}\x{2712}\x{2714}\x{2716}\x{271D}\x{2721}\x{2733}\x{2734}\x{2744})"
    R"(\x{2747}\x{2757}\x{2763}\x{2764}\x{27A1}\x{2934}\x{2935}\x{2B05}-\x{2B07}\x{2B1B}\x{2B1C}\x{2B50}\x{2B55})"
    R"(\x{3030}\x{303D}\x{3297}\x{3299}\x{1F004}\x{1F170}\x{1F171}\x{1F17E}\x{1F17F}\x{1F202}\x{1F21A}\x{1F22F})"
    R"(\x{1F237}\x{1F321}\x{1F324}-\x{1F32C}\x{1F336}\x{1F37D}\x{1F396}\x{1F397}\x{1F399}-\x{1F39B}\x{1F39E})"
    R"(\x{1F39F}\x{1F3CD}\x{1F3CE}\x{1F3D4}-\x{1F3DF}\x{1F3F3}\x{1F3F5}\x{1F3F7}\x{1F43F}\x{1F441}\x{1F4FD})"
    R"(\x{1F549}\x{1F54A}\x{1F56F}\x{1F570}\x{1F573}\x{1F576}-\x{1F579}\x{1F587}\x{1F58A}-\x{1F58D}\x{1F5A5})"
    R"(\x{1F5A8}\x{1F5B1}\x{1F5B2}\x{1F5BC}\x{1F5C2}-\x{1F5C4}\x{1F5D1}-\x{1F5D3}\x{1F5DC}-\x{1F5DE}\x{1F5E1})"
    R"(\x{1F5E3}\x{1F5E8}\x{1F5EF}\x{1F5F3}\x{1F5FA}\x{1F6CB}\x{1F6CD}-\x{1F6CF}\x{1F6E0}-\x{1F6E5}\x{1F6E9})"
    R"(\x{1F6F0}\x{1F6F3}])";
// Emoji that take a skin tone: some text by default, the rest emoji.
const std::string kTextDefaultSkinToneBases =
    R"([\x{261D}\x{26F7}\x{26F9}\x{270C}\x{270D}\x{1F3CB}\x{1F3CC}\x{1F574}\x{1F575}\x{1F590}])";
const std::string kSkinToneBases =
    R"([\x{270A}\x{270B}\x{1F385}\x{1F3C2}-\x{1F3C4}\x{1F3C7}\x{1F3CA}\x{1F442}\x{1F443}\x{1F446}-\x{1F450})"
    R"(\x{1F466}-\x{1F469}\x{1F46E}\x{1F470}-\x{1F478}\x{1F47C}\x{1F481}-\x{1F483}\x{1F485}-\x{1F487}\x{1F4AA})"
    R"(\x{1F57A}\x{1F595}\x{1F596}\x{1F645}-\x{1F647}\x{1F64B}-\x{1F64F}\x{1F6A3}\x{1F6B4}-\x{1F6B6}\x{1F6C0})"
    R"(\x{1F6CC}\x{1F918}-\x{1F91C}\x{1F91E}\x{1F91F}\x{1F926}\x{1F930}-\x{1F939}\x{1F93D}\x{1F93E}\x{1F9B5})"
    R"(\x{1F9B6}\x{1F9B8}\x{1F9B9}\x{1F9D1}-\x{1F9DD}])";
// The other emoji, one code point each (a lone regional indicator or skin
// tone too).
const std::string kEmojiDefault =
    R"([\x{23E9}-\x{23EC}\x{23F0}\x{23F3}\x{267E}\x{26CE}\x{2705}\x{2728}\x{274C}\x{274E}\x{2753}-\x{2755})"
    R"(\x{2795}-\x{2797}\x{27B0}\x{27BF}\x{E50A}\x{1F0CF}\x{1F18E}\x{1F191}-\x{1F19A}\x{1F1E6}-\x{1F1FF}\x{1F201})"
    R"(\x{1F232}-\x{1F236}\x{1F238}-\x{1F23A}\x{1F250}\x{1F251}\x{1F300}-\x{1F320}\x{1F32D}-\x{1F335})"
    R"(\x{1F337}-\x{1F37C}\x{1F37E}-\x{1F384}\x{1F386}-\x{1F393}\x{1F3A0}-\x{1F3C1}\x{1F3C5}\x{1F3C6}\x{1F3C8})"
    R"(\x{1F3C9}\x{1F3CF}-\x{1F3D3}\x{1F3E0}-\x{1F3F0}\x{1F3F4}\x{1F3F8}-\x{1F43E}\x{1F440}\x{1F444}\x{1F445})"
    R"(\x{1F451}-\x{1F465}\x{1F46A}-\x{1F46D}\x{1F46F}\x{1F479}-\x{1F47B}\x{1F47D}-\x{1F480}\x{1F484})"
    R"(\x{1F488}-\x{1F4A9}\x{1F4AB}-\x{1F4FC}\x{1F4FF}-\x{1F53D}\x{1F54B}-\x{1F54E}\x{1F550}-\x{1F567}\x{1F5A4})"
    R"(\x{1F5FB}-\x{1F644}\x{1F648}-\x{1F64A}\x{1F680}-\x{1F6A2}\x{1F6A4}-\x{1F6B3}\x{1F6B7}-\x{1F6BF})"
    R"(\x{1F6C1}-\x{1F6C5}\x{1F6D0}-\x{1F6D2}\x{1F6EB}\x{1F6EC}\x{1F6F4}-\x{1F6F9}\x{1F910}-\x{1F917}\x{1F91D})"
    R"(\x{1F920}-\x{1F925}\x{1F927}-\x{1F92F}\x{1F93A}\x{1F93C}\x{1F940}-\x{1F945}\x{1F947}-\x{1F970})"
    R"(\x{1F973}-\x{1F976}\x{1F97A}\x{1F97C}-\x{1F9A2}\x{1F9B4}\x{1F9B7}\x{1F9C0}-\x{1F9C2}\x{1F9D0})"
    R"(\x{1F9DE}-\x{1F9FF}])";

// The flags twemoji-parser 11 draws: regions, and England, Scotland, Wales.
constexpr std::string_view kRegions =
    "AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY "
    "BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CR CU CV CW CX CY CZ DE DG DJ DK DM DO DZ EA EC EE EG EH ER ES ET EU "
    "FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU IC ID IE IL IM IN "
    "IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG "
    "MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL "
    "PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD "
    "TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM UN US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";
constexpr std::string_view kSubdivisions[] = {"gbeng", "gbsct", "gbwls"};

std::string code_point(char32_t c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "\\x{%X}", static_cast<unsigned>(c));
  return buffer;
}

std::string sequence(std::u32string_view text) {
  std::string out;
  for (const char32_t c : text) out += code_point(c);
  return out;
}

// Regional indicator pairs grouped by their first letter, each group behind
// a lookahead for its letter: ICU then tries a few alternatives, not 258.
std::string flags() {
  std::string out = "(?=\\x{1F3F4})(?:";
  for (const auto tag : kSubdivisions) {
    out += code_point(0x1F3F4);  // black flag, then the tag letters and the cancel tag
    for (const char c : tag) out += code_point(0xE0000 + static_cast<char32_t>(c));
    out += code_point(0xE007F) + "|";
  }
  out.back() = ')';
  out += "|(?=[\\x{1F1E6}-\\x{1F1FF}])(?:";
  char first = 0;
  for (std::size_t i = 0; i + 1 < kRegions.size(); i += 3) {
    if (kRegions[i] != first) {
      if (first != 0) out += "]|";
      first = kRegions[i];
      out += code_point(0x1F1E6 + static_cast<char32_t>(first - 'A')) + "[";
    }
    out += code_point(0x1F1E6 + static_cast<char32_t>(kRegions[i + 1] - 'A'));
  }
  return out + "])";
}

std::string emoji_pattern() {
  std::string zwj_sequences;
  std::string zwj_starts;
  for (const auto s : kZwjSequences) {
    zwj_sequences += (zwj_sequences.empty() ? "" : "|") + sequence(s);
    zwj_starts += code_point(s.front());
  }
  const std::string alternatives[] = {
      "[\\x{1F468}\\x{1F469}]" + kSkinTone + "?" + kZwj + kProfessions,
      kStyledGenderBases + "(?:" + kSkinTone + "|" + kEmojiStyle + ")" + kZwj + kGender + kEmojiStyle,
      kGenderBases + kSkinTone + "?" + kZwj + kGender + kEmojiStyle,
      "(?=[" + zwj_starts + "])(?:" + zwj_sequences + ")",
      "[#*0-9]\\x{FE0F}?\\x{20E3}",  // keycaps
      "[\\x{A9}\\x{AE}\\x{2122}\\x{265F}]" + kEmojiStyle,
      kTextDefault + kUnlessTextStyle,
      "(?:" + kTextDefaultSkinToneBases + kUnlessTextStyle + "|" + kSkinToneBases + ")" + kSkinTone + "?",
      "(?:" + flags() + "|" + kEmojiDefault + ")",
      kEmojiStyle,  // a variation selector on its own
  };
  std::string pattern;
  for (const auto& alternative : alternatives) pattern += (pattern.empty() ? "" : "|") + alternative;
  return pattern;
}

struct Compiled {
  std::unique_ptr<icu::RegexPattern> pattern;
  icu::UnicodeSet first;  // what an emoji can start with
};

const Compiled& compiled() {
  static const Compiled c = [] {
    Compiled out;
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    out.pattern.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(emoji_pattern()), 0, where, status));
    if (U_FAILURE(status)) throw Error(ErrorCode::internal, "the emoji pattern does not compile");
    // The first code point of each alternative of emoji_pattern().
    const std::string first = "[#*0-9\\x{A9}\\x{AE}\\x{2122}\\x{265F}\\x{FE0F}\\x{1F468}\\x{1F469}\\x{1F3F4}" +
                              kStyledGenderBases + kGenderBases + kTextDefault + kTextDefaultSkinToneBases +
                              kSkinToneBases + kEmojiDefault + "]";
    out.first.applyPattern(icu::UnicodeString::fromUTF8(first), status);
    if (U_FAILURE(status)) throw Error(ErrorCode::internal, "the emoji start set does not compile");
    for (const auto sequence : kZwjSequences) out.first.add(static_cast<UChar32>(sequence.front()));
    out.first.freeze();
    return out;
  }();
  return c;
}

}  // namespace

std::vector<std::pair<int, int>> find_emoji(const icu::UnicodeString& text) {
  std::vector<std::pair<int, int>> spans;
  const Compiled& emoji = compiled();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(emoji.pattern->matcher(text, status));
  if (U_FAILURE(status)) throw Error(ErrorCode::internal, "emoji matcher failed");
  m->useTransparentBounds(true);  // the text-style lookahead sees past the region
  // Tried only where an emoji can start, which is much faster than find()
  // and finds the same: the leftmost match, then the next after it.
  for (int at = 0; at < text.length();) {
    const UChar32 c = text.char32At(at);
    if (emoji.first.contains(c)) {
      m->region(at, text.length(), status);
      if (m->lookingAt(status) && U_SUCCESS(status)) {
        const int end = m->end(status);
        spans.emplace_back(at, end);
        at = end;
        continue;
      }
    }
    at += U16_LENGTH(c);
  }
  return spans;
}

}  // namespace kanal::text::twitter
