#include <memory>

#include <unicode/regex.h>

#include "text/twitter_patterns.h"
#include "text/twitter_text.h"
#include "text/unicode_text.h"

namespace kanal::text::twitter {
namespace {

bool whole_match(const icu::RegexPattern& pattern, const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(text, status));
  return U_SUCCESS(status) && m->matches(status) && U_SUCCESS(status);
}

// A URL part that must be absent or match `pattern` in full.
bool optional_part_matches(const icu::RegexPattern& pattern, const icu::UnicodeString& part, bool present) {
  return !present || part.isEmpty() || whole_match(pattern, part);
}

}  // namespace

bool is_valid_username(const icu::UnicodeString& text) {
  if (text.isEmpty()) return false;
  const auto mentions = extract_mentions(text);
  return mentions.size() == 1 && mentions.front().text == to_utf8(icu::UnicodeString(text, 1));
}

bool is_valid_list(const icu::UnicodeString& text) { return whole_match(*patterns().valid_list, text); }

bool is_valid_hashtag(const icu::UnicodeString& text) {
  if (text.isEmpty()) return false;
  const auto tags = extract_hashtags(text);
  return tags.size() == 1 && tags.front().text == to_utf8(icu::UnicodeString(text, 1));
}

bool is_valid_url(const icu::UnicodeString& url, bool unicode_domains, bool require_protocol) {
  const Patterns& p = patterns();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> parts(p.validate_url_unencoded->matcher(url, status));
  if (U_FAILURE(status) || !parts->matches(status) || U_FAILURE(status)) return false;
  const auto part = [&](int number) {
    UErrorCode s = U_ZERO_ERROR;
    return parts->group(number, s);
  };
  const auto present = [&](int number) {
    UErrorCode s = U_ZERO_ERROR;
    return parts->start(number, s) >= 0;
  };
  const icu::UnicodeString scheme = part(1);
  if (require_protocol) {
    if (!present(1) || !whole_match(*p.validate_url_scheme, scheme)) return false;
    icu::UnicodeString lower = scheme;
    lower.toLower();
    if (lower != u"http" && lower != u"https") return false;
  }
  if (!whole_match(*p.validate_url_path, part(3))) return false;
  if (!optional_part_matches(*p.validate_url_query, part(4), present(4)) ||
      !optional_part_matches(*p.validate_url_fragment, part(5), present(5))) {
    return false;
  }
  const icu::UnicodeString authority = part(2);
  return whole_match(unicode_domains ? *p.validate_url_unicode_authority : *p.validate_url_authority, authority);
}

}  // namespace kanal::text::twitter
