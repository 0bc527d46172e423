#include "text/twitter_patterns.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uniset.h>

#include "core/error.h"
#include "text/twitter_js_case.h"
#include "text/word_lists.h"

extern const std::string_view kanal_text_tlds;

namespace kanal::text::twitter {
namespace {

icu::UnicodeSet chars(std::u16string_view list) {
  icu::UnicodeSet set;
  for (const char16_t c : list) set.add(c);
  return set;
}

icu::UnicodeSet with(icu::UnicodeSet set, const icu::UnicodeSet& more) { return set.addAll(more); }

// A set written as a UnicodeSet pattern.
icu::UnicodeSet set_of(const char16_t* pattern) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet set(icu::UnicodeString(pattern), status);
  if (U_FAILURE(status)) throw Error(ErrorCode::internal, "twitter-text character set does not compile");
  return set;
}

// The character sets twitter-text's expressions are made of.
const icu::UnicodeSet kSpaces =
    set_of(u"[\\u0009-\\u000D\\u0020\\u0085\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]");
// What JavaScript's \s matches (not U+0085, but U+FEFF).
const icu::UnicodeSet kJsWhiteSpace =
    set_of(u"[\\u0009-\\u000D\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]");
const icu::UnicodeSet kInvalidChars = set_of(u"[\\uFFFE\\uFEFF\\uFFFF]");
const icu::UnicodeSet kDirectionalMarkers = set_of(u"[\\u202A-\\u202E\\u061C\\u200E\\u200F\\u2066-\\u2069]");
const icu::UnicodeSet kPunct = chars(u"!'#%&()*+,\\-./:;<=>?@[]^_{|}~$");
const icu::UnicodeSet kLatinAccents = set_of(
    u"[\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u00FF\\u0100-\\u024F\\u0253\\u0254\\u0256\\u0257\\u0259\\u025B"
    u"\\u0263\\u0268\\u026F\\u0272\\u0289\\u028B\\u02BB\\u0300-\\u036F\\u1E00-\\u1EFF]");
const icu::UnicodeSet kCyrillic = set_of(u"[\\u0400-\\u04FF]");
const icu::UnicodeSet kAsciiAlnum = set_of(u"[0-9A-Za-z]");
const icu::UnicodeSet kAtSigns = chars(u"@\uFF20");
const icu::UnicodeSet kHashSigns = chars(u"#\uFF03");

// twitter-text lists the letters, marks and digits of Unicode 7.0 (and a few
// private-use letters) as a hashtag's; newer ones are not.
icu::UnicodeSet hashtag_letters() {
  return set_of(u"[[[\\p{L}\\p{M}]&[\\p{Age=7.0}]]\\uF870-\\uF87F\\uF882\\uF884-\\uF89F\\uF8B8\\uF8C1-\\uF8D6]");
}
icu::UnicodeSet hashtag_digits() { return set_of(u"[[\\p{Nd}]&[\\p{Age=7.0}]]"); }
const icu::UnicodeSet kHashtagSpecial =
    chars(u"_\u200C\u200D\uA67E\u05BE\u05F3\u05F4\uFF5E\u301C\u309B\u309C\u30A0\u30FB\u3003\u0F0B\u0F0C\u00B7");

// The end of the text: ICU's $ also matches before a final line break.
const std::string kEnd = "(?!(?s:.))";

// The TLDs as a trie-shaped regex ("c(?:om|o(?:op)?|…)"): the regex engine
// tries one branch per letter instead of every TLD in turn, which was most
// of the cost of finding URLs. The optional group is greedy, so a longer
// TLD is always tried before its prefix, as twitter-text's list (longest
// first) does.
struct TrieNode {
  std::map<char32_t, TrieNode> children;
  bool terminal = false;
};

std::string trie_pattern(const TrieNode& node) {
  std::string alternatives;
  for (const auto& [c, child] : node.children) {
    if (!alternatives.empty()) alternatives += '|';
    alternatives += js_literal(icu::UnicodeString(static_cast<UChar32>(c))) + trie_pattern(child);
  }
  if (alternatives.empty()) return {};
  return "(?:" + alternatives + ")" + (node.terminal ? "?" : "");
}

// A pattern matching any TLD of one section of the embedded list, in the
// matching text's representatives (the expression ignores case).
std::string tld_alternation(std::string_view section) {
  const std::vector<std::string> tlds = section_lines(kanal_text_tlds, section);
  TrieNode root;
  for (const auto& tld : tlds) {
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(tld);
    TrieNode* node = &root;
    for (int i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
      node = &node->children[static_cast<char32_t>(js_representative(unicode.char32At(i)))];
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

// The expressions that find entities. Those twitter-text marks case-insensitive
// use js_class and run on js_matching_text; the others match the text as it is.
void build_extraction(Patterns& p) {
  const std::string valid_url_preceding =
      "(?:" + js_negated_class(with(with(kAsciiAlnum, chars(u"@\uFF20$#\uFF03")), kInvalidChars)) + "|" +
      js_class(kDirectionalMarkers) + "|^)";
  const std::string domain_char =
      js_negated_class(with(with(with(kPunct, kSpaces), kInvalidChars), kDirectionalMarkers));
  const std::string subdomain =
      "(?:(?:" + domain_char + "(?:" + js_class(chars(u"_-")) + "|" + domain_char + ")*)?" + domain_char + "\\.)";
  const std::string domain_name = "(?:(?:" + domain_char + "(?:-|" + domain_char + ")*)?" + domain_char + "\\.)";
  const std::string tld_end = "(?=" + js_negated_class(with(kAsciiAlnum, chars(u"@+-"))) + "|" + kEnd + ")";
  const std::string gtld = "(?:" + tld_alternation("generic") + tld_end + ")";
  const std::string cctld = "(?:" + tld_alternation("country") + tld_end + ")";
  const std::string punycode = "(?:xn--" + js_class(set_of(u"[\\-0-9a-z]")) + "+)";
  const std::string domain = "(?:" + subdomain + "*" + domain_name + "(?:" + gtld + "|" + cctld + "|" + punycode + "))";

  const icu::UnicodeSet letters_digits = set_of(u"[a-z0-9]");
  const std::string path_char =
      js_class(with(with(with(letters_digits, kCyrillic), chars(u"!*';:=+,.$/%#[]-\u2013_~@|&")), kLatinAccents));
  const std::string balanced_parens =
      "\\((?:" + path_char + "+|(?:" + path_char + "*\\(" + path_char + "+\\)" + path_char + "*))\\)";
  const std::string path_ending_char =
      js_class(with(with(with(letters_digits, kCyrillic), chars(u"+-=_#/")), kLatinAccents));
  // twitter-text splices its path-ending expression ("char|(parens)") in
  // without a group, so its "|" splits the path's alternatives: a path is
  // chars ending in an ending char, or balanced parentheses alone, or @chars/.
  const std::string url_path = "(?:(?:" + path_char + "*(?:" + balanced_parens + path_char + "*)*" + path_ending_char +
                               "|(?:" + balanced_parens + "))|(?:@" + path_char + "+\\/))";
  const std::string query_char = js_class(with(letters_digits, chars(u"!?*'@();:&=+$/%#[]-_.,~|")));
  const std::string query_ending = js_class(with(letters_digits, chars(u"-_&=#/")));

  // Groups: 1 all, 2 preceding, 3 URL, 4 protocol, 5 domain, 6 port, 7 path, 8 query.
  p.extract_url = compile("((" + valid_url_preceding + ")((https?:\\/\\/)?(" + domain + ")(?::([0-9]+))?(\\/" +
                          url_path + "*)?(\\?" + query_char + "*" + query_ending + ")?))");
  p.valid_ascii_domain = compile("(?:(?:" + js_class(with(with(letters_digits, chars(u"-")), kLatinAccents)) +
                                 "+)\\.)+(?:" + gtld + "|" + cctld + "|" + punycode + ")");
  p.valid_tco_url = compile("^https?:\\/\\/t\\.co\\/(" + js_class(letters_digits) + "+)(?:\\?" + query_char + "*" +
                            query_ending + ")?");

  const icu::UnicodeSet letters = hashtag_letters();
  const std::string hashtag_alpha = js_class(letters);
  const std::string hashtag_alnum = js_class(with(with(letters, hashtag_digits()), kHashtagSpecial));
  const std::string hashtag_boundary = "(?:^|\\x{FE0E}|\\x{FE0F}|" + kEnd + "|(?!" + hashtag_alnum + "|&)(?s:.))";
  // Groups: 1 boundary, 2 hash sign, 3 hashtag text.
  p.valid_hashtag = compile("(" + hashtag_boundary + ")(" + js_class(kHashSigns) + ")(?!\\x{FE0F}|\\x{20E3})(" +
                            hashtag_alnum + "*" + hashtag_alpha + hashtag_alnum + "*)");
  p.end_hashtag = compile("^(?:" + exact_class(kHashSigns) + "|:\\/\\/)");

  const std::string mention_preceding = "(?:^|[^a-zA-Z0-9_!#$%&*@\\x{FF20}]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)";
  const std::string at_signs = exact_class(kAtSigns);
  // Groups: 1 preceding, 2 at sign, 3 screen name, 4 list slug.
  p.valid_mention_or_list =
      compile("(" + mention_preceding + ")(" + at_signs + ")([a-zA-Z0-9_]{1,20})(\\/[a-zA-Z][a-zA-Z0-9_\\-]{0,24})?");
  p.end_mention = compile("^(?:" + at_signs + "|" + exact_class(kLatinAccents) + "|:\\/\\/)");
  p.valid_reply =
      compile("^(?:" + exact_class(with(kSpaces, kDirectionalMarkers)) + ")*" + at_signs + "([a-zA-Z0-9_]{1,20})");
  p.valid_list = compile("^" + at_signs + "([a-zA-Z0-9_]{1,20})(\\/[a-zA-Z][a-zA-Z0-9_\\-]{0,24})$");
  // Groups: 1 preceding, 2 dollar, 3 cashtag.
  const std::string cashtag_letter = js_class(set_of(u"[a-z]"));
  p.valid_cashtag =
      compile("(^|" + js_class(kSpaces) + ")(\\$)(" + cashtag_letter + "{1,6}(?:" + js_class(chars(u"._")) +
              cashtag_letter + "{1,2})?)(?=" + kEnd + "|" + js_class(kJsWhiteSpace) + "|" + js_class(kPunct) + ")");
}

// RFC 3986 style validation of a whole URL (isValidUrl).
void build_validation(Patterns& p) {
  const uint32_t i = UREGEX_CASE_INSENSITIVE;
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
}

Patterns build() {
  Patterns p;
  build_extraction(p);
  build_validation(p);
  return p;
}

}  // namespace

const Patterns& patterns() {
  static const Patterns compiled = build();
  return compiled;
}

}  // namespace kanal::text::twitter
