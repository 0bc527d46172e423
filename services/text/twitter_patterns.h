#pragma once
// The regular expressions of twitter-text 3.1.0 (config v3), compiled once
// with ICU. They define what X treats as a URL, a mention, a hashtag or a
// cashtag; the conformance suite in tests/specs/twitter-text and the
// differential test against the JavaScript library pin their behaviour.

#include <memory>

#include <unicode/regex.h>

namespace kanal::text::twitter {

struct Patterns {
  // The next three expect js_matching_text(text, true), the hashtag and
  // cashtag ones js_matching_text(text, false) (twitter_js_case.h): they are
  // JavaScript's case-insensitive expressions, made case-sensitive.
  std::unique_ptr<icu::RegexPattern> extract_url;
  std::unique_ptr<icu::RegexPattern> valid_ascii_domain;
  std::unique_ptr<icu::RegexPattern> valid_tco_url;
  std::unique_ptr<icu::RegexPattern> valid_hashtag;
  std::unique_ptr<icu::RegexPattern> end_hashtag;
  std::unique_ptr<icu::RegexPattern> valid_mention_or_list;
  std::unique_ptr<icu::RegexPattern> end_mention;
  std::unique_ptr<icu::RegexPattern> valid_reply;
  std::unique_ptr<icu::RegexPattern> valid_cashtag;
  std::unique_ptr<icu::RegexPattern> valid_list;
  // RFC 3986 style validation of a whole URL (isValidUrl).
  std::unique_ptr<icu::RegexPattern> validate_url_unencoded;
  std::unique_ptr<icu::RegexPattern> validate_url_scheme;
  std::unique_ptr<icu::RegexPattern> validate_url_path;
  std::unique_ptr<icu::RegexPattern> validate_url_query;
  std::unique_ptr<icu::RegexPattern> validate_url_fragment;
  std::unique_ptr<icu::RegexPattern> validate_url_authority;
  std::unique_ptr<icu::RegexPattern> validate_url_unicode_authority;
};

// Compiled on first use; thread-safe (patterns are immutable, matchers are
// made per call).
const Patterns& patterns();

}  // namespace kanal::text::twitter
