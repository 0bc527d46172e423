#include "text/twitter_patterns.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uchar.h>

#include "core/error.h"
#include "text/word_lists.h"

extern const std::string_view kanal_text_tlds;

namespace kanal::text::twitter {
namespace {

// Character classes shared by several patterns, in ICU regex syntax.
const std::string kSpaces =
    R"(\x{09}-\x{0D}\x{20}\x{85}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000})";
const std::string kInvalidChars = R"(\x{FFFE}\x{FEFF}\x{FFFF})";
const std::string kDirectionalMarkers = R"(\x{202A}-\x{202E}\x{061C}\x{200E}\x{200F}\x{2066}-\x{2069})";
const std::string kPunct = R"(\!'#%&'\(\)*\+,\\\-\.\/:;<=>\?@\[\]\^_\{|\}~\$)";
const std::string kLatinAccents =
    R"(\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{FF}\x{0100}-\x{024F}\x{0253}\x{0254}\x{0256}\x{0257}\x{0259}\x{025B}\x{0263}\x{0268}\x{026F}\x{0272}\x{0289}\x{028B}\x{02BB}\x{0300}-\x{036F}\x{1E00}-\x{1EFF})";
const std::string kCyrillic = R"(\x{0400}-\x{04FF})";
const std::string kAtSigns = R"([@\x{FF20}])";

// One code point as a regex literal.
std::string literal(char32_t c) {
  if (c < 0x80 && std::isalnum(static_cast<unsigned char>(c))) return std::string(1, static_cast<char>(c));
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "\\x{%X}", static_cast<unsigned>(c));
  return buffer;
}

// The TLDs as a trie-shaped regex ("c(?:om|o(?:op)?|…)"): the regex engine
// tries one branch per letter instead of every TLD in turn, which was most
// of the cost of finding URLs. The optional group is greedy, so a longer
// TLD is always tried before its prefix.
struct TrieNode {
  std::map<char32_t, TrieNode> children;
  bool terminal = false;
};

std::string trie_pattern(const TrieNode& node) {
  std::string alternatives;
  for (const auto& [c, child] : node.children) {
    if (!alternatives.empty()) alternatives += '|';
    alternatives += literal(c) + trie_pattern(child);
  }
  if (alternatives.empty()) return {};
  return "(?:" + alternatives + ")" + (node.terminal ? "?" : "");
}

// A pattern matching any TLD of one section of the embedded list.
std::string tld_alternation(std::string_view section) {
  const std::vector<std::string> tlds = section_lines(kanal_text_tlds, section);
  TrieNode root;
  for (const auto& tld : tlds) {
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(tld);
    TrieNode* node = &root;
    for (int i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
      node = &node->children[static_cast<char32_t>(unicode.char32At(i))];
    }
    node->terminal = true;
  }
  return trie_pattern(root);
}

std::unique_ptr<icu::RegexPattern> compile(const std::string& pattern, uint32_t flags = 0) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  std::unique_ptr<icu::RegexPattern> compiled(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), flags, where, status));
  if (U_FAILURE(status)) {
    throw Error(ErrorCode::internal, "twitter-text pattern does not compile (offset " + std::to_string(where.offset) +
                                         "): " + u_errorName(status));
  }
  return compiled;
}

Patterns build() {
  const uint32_t i = UREGEX_CASE_INSENSITIVE;
  const std::string valid_url_preceding =
      "(?:[^A-Za-z0-9@\\x{FF20}$#\\x{FF03}" + kInvalidChars + "]|[" + kDirectionalMarkers + "]|^)";
  const std::string domain_char = "[^" + kPunct + kSpaces + kInvalidChars + kDirectionalMarkers + "]";
  const std::string subdomain = "(?:(?:" + domain_char + "(?:[_-]|" + domain_char + ")*)?" + domain_char + "\\.)";
  const std::string domain_name = "(?:(?:" + domain_char + "(?:-|" + domain_char + ")*)?" + domain_char + "\\.)";
  const std::string gtld = "(?:" + tld_alternation("generic") + "(?=[^0-9a-zA-Z@+-]|$))";
  const std::string cctld = "(?:" + tld_alternation("country") + "(?=[^0-9a-zA-Z@+-]|$))";
  const std::string punycode = "(?:xn--[-0-9a-z]+)";
  const std::string domain = "(?:" + subdomain + "*" + domain_name + "(?:" + gtld + "|" + cctld + "|" + punycode + "))";

  const std::string path_char =
      "[a-z" + kCyrillic + "0-9!\\*';:=\\+,\\.\\$\\/%#\\[\\]\\-\\x{2013}_~&\\|@" + kLatinAccents + "]";
  const std::string balanced_parens =
      "\\((?:" + path_char + "+|(?:" + path_char + "*\\(" + path_char + "+\\)" + path_char + "*))\\)";
  const std::string path_ending =
      "(?:[\\+\\-a-z" + kCyrillic + "0-9=_#\\/" + kLatinAccents + "]|(?:" + balanced_parens + "))";
  const std::string url_path = "(?:(?:" + path_char + "*(?:" + balanced_parens + path_char + "*)*" + path_ending +
                               ")|(?:@" + path_char + "+\\/))";
  const std::string query_chars = "[a-z0-9!?\\*'@\\(\\);:&=\\+\\$\\/%#\\[\\]\\-_\\.,~|]";
  const std::string query_ending = "[a-z0-9\\-_&=#\\/]";

  Patterns p;
  // Groups: 1 all, 2 preceding, 3 URL, 4 protocol, 5 domain, 6 port, 7 path, 8 query.
  p.extract_url = compile("((" + valid_url_preceding + ")((https?:\\/\\/)?(" + domain + ")(?::([0-9]+))?(\\/" +
                          url_path + "*)?(\\?" + query_chars + "*" + query_ending + ")?))");
  p.valid_ascii_domain =
      compile("(?:(?:[\\-a-z0-9" + kLatinAccents + "]+)\\.)+(?:" + gtld + "|" + cctld + "|" + punycode + ")");
  p.invalid_url_without_protocol_preceding = compile("[-_.\\/]$");
  p.valid_tco_url = compile("^https?:\\/\\/t\\.co\\/([a-z0-9]+)(?:\\?" + query_chars + "*" + query_ending + ")?");

  const std::string hashtag_alpha = "[\\p{L}\\p{M}]";
  const std::string hashtag_alnum =
      "[\\p{L}\\p{M}\\p{Nd}_\\x{200C}\\x{200D}\\x{A67E}\\x{05BE}\\x{05F3}\\x{05F4}\\x{FF5E}\\x{301C}"
      "\\x{309B}\\x{309C}\\x{30A0}\\x{30FB}\\x{3003}\\x{0F0B}\\x{0F0C}\\x{00B7}]";
  const std::string hashtag_boundary = "(?:^|\\x{FE0E}|\\x{FE0F}|$|(?!" + hashtag_alnum + "|&)(?s:.))";
  // Groups: 1 boundary, 2 hash sign, 3 hashtag text.
  p.valid_hashtag = compile("(" + hashtag_boundary + ")(#|\\x{FF03})(?!\\x{FE0F}|\\x{20E3})(" + hashtag_alnum + "*" +
                            hashtag_alpha + hashtag_alnum + "*)");
  p.end_hashtag = compile("^(?:[#\\x{FF03}]|:\\/\\/)");

  const std::string mention_preceding = "(?:^|[^a-zA-Z0-9_!#$%&*@\\x{FF20}]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)";
  // Groups: 1 preceding, 2 at sign, 3 screen name, 4 list slug.
  p.valid_mention_or_list =
      compile("(" + mention_preceding + ")(" + kAtSigns + ")([a-zA-Z0-9_]{1,20})(\\/[a-zA-Z][a-zA-Z0-9_\\-]{0,24})?");
  p.end_mention = compile("^(?:" + kAtSigns + "|[" + kLatinAccents + "]|:\\/\\/)");
  p.valid_reply = compile("^(?:[" + kSpaces + "]|[" + kDirectionalMarkers + "])*" + kAtSigns + "([a-zA-Z0-9_]{1,20})");
  p.valid_list = compile("^" + kAtSigns + "([a-zA-Z0-9_]{1,20})(\\/[a-zA-Z][a-zA-Z0-9_\\-]{0,24})$");
  // Groups: 1 preceding, 2 dollar, 3 cashtag.
  p.valid_cashtag = compile("(^|[" + kSpaces + "])(\\$)([a-z]{1,6}(?:[._][a-z]{1,2})?)(?=$|\\s|[" + kPunct + "])", i);

  const std::string unreserved = "[a-z\\x{0400}-\\x{04FF}0-9\\-._~]";
  const std::string pct_encoded = "(?:%[0-9a-f]{2})";
  const std::string sub_delims = "[!$&'()*+,;=]";
  const std::string pchar = "(?:" + unreserved + "|" + pct_encoded + "|" + sub_delims + "|[:\\|@])";
  const std::string userinfo = "(?:" + unreserved + "|" + pct_encoded + "|" + sub_delims + "|:)*";
  const std::string dec_octet = "(?:[0-9]|(?:[1-9][0-9])|(?:1[0-9]{2})|(?:2[0-4][0-9])|(?:25[0-5]))";
  const std::string ipv4 = "(?:" + dec_octet + "(?:\\." + dec_octet + "){3})";
  const std::string ipv6 = "(?:\\[[a-f0-9:\\.]+\\])";
  const std::string ip = "(?:" + ipv4 + "|" + ipv6 + ")";
  const std::string ascii_domain =
      "(?:(?:[a-z0-9](?:[a-z0-9_\\-]*[a-z0-9])?\\.)*(?:[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?\\.)"
      "(?:[a-z](?:[a-z0-9\\-]*[a-z0-9])?))";
  const std::string u = "[^\\x{0000}-\\x{007F}]";
  const std::string unicode_domain = "(?:(?:(?:[a-z0-9]|" + u + ")(?:(?:[a-z0-9_\\-]|" + u + ")*(?:[a-z0-9]|" + u +
                                     "))?\\.)*" + "(?:(?:[a-z0-9]|" + u + ")(?:(?:[a-z0-9\\-]|" + u + ")*(?:[a-z0-9]|" +
                                     u + "))?\\.)" + "(?:(?:[a-z]|" + u + ")(?:(?:[a-z0-9\\-]|" + u + ")*(?:[a-z0-9]|" +
                                     u + "))?))";
  const std::string port = "(?::[0-9]{1,5})?";
  p.validate_url_unencoded = compile("^(?:([^:/?#]+):\\/\\/)?([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$", i);
  p.validate_url_scheme = compile("^(?:[a-z][a-z0-9+\\-.]*)$", i);
  p.validate_url_path = compile("^(?:\\/" + pchar + "*)*$", i);
  p.validate_url_query = compile("^(?:" + pchar + "|\\/|\\?)*$", i);
  p.validate_url_fragment = compile("^(?:" + pchar + "|\\/|\\?)*$", i);
  p.validate_url_authority = compile("^(?:(?:" + userinfo + ")@)?(?:" + ip + "|" + ascii_domain + ")" + port + "$", i);
  p.validate_url_unicode_authority =
      compile("^(?:(?:" + userinfo + ")@)?(?:" + ip + "|" + unicode_domain + ")" + port + "$", i);
  return p;
}

}  // namespace

icu::UnicodeString lower_cased(const icu::UnicodeString& text) {
  icu::UnicodeString out = text;
  for (int i = 0; i < out.length();) {
    const UChar32 c = out.char32At(i);
    const UChar32 lower = u_tolower(c);
    const int length = U16_LENGTH(c);
    if (lower != c && U16_LENGTH(lower) == length) out.replace(i, length, lower);
    i += length;
  }
  return out;
}

const Patterns& patterns() {
  static const Patterns compiled = build();
  return compiled;
}

}  // namespace kanal::text::twitter
