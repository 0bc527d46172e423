#pragma once
// X's text rules as twitter-text 3.1.0 (JavaScript) defines them: entity
// extraction, validation and the weighted length of config v3. Offsets are
// UTF-16 code units, as in twitter-text and its conformance suite; OffsetMap
// converts them. tests/services/text/twitter_differential_test compares them
// with the JavaScript library itself.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/unistr.h>

namespace kanal::text::twitter {

struct Config {
  struct Range {
    UChar32 start;
    UChar32 end;
    int weight;
  };
  int version = 3;
  int max_weighted_length = 280;
  int scale = 100;
  int default_weight = 200;
  bool emoji_parsing = true;
  int transformed_url_length = 23;
  std::vector<Range> ranges;

  // A twitter-text configuration file (config/v*.json).
  static Config from_json(std::string_view json_text);
  // Config v3, the one X uses today.
  static const Config& v3();
};

struct Entity {
  // URL, screen name, hashtag or cashtag (no sign). A URL's text is
  // twitter-text's: where an ASCII domain inside a longer domain without a
  // protocol takes the path, that domain and the path ("a.한국.se/x" gives
  // "a.한국/x" over the whole span), which parse_tweet counts by.
  std::string text;
  std::string list_slug;  // "/list" of a list mention, else empty
  int start = 0;          // UTF-16 offsets; the sign is included
  int end = 0;
};

std::vector<Entity> extract_urls(const icu::UnicodeString& text, bool without_protocol = true);
std::vector<Entity> extract_mentions_or_lists(const icu::UnicodeString& text);
std::vector<Entity> extract_mentions(const icu::UnicodeString& text);
std::optional<std::string> extract_reply_screen_name(const icu::UnicodeString& text);
std::vector<Entity> extract_hashtags(const icu::UnicodeString& text, bool check_url_overlap = true);
std::vector<Entity> extract_cashtags(const icu::UnicodeString& text);

bool is_valid_username(const icu::UnicodeString& text);
bool is_valid_list(const icu::UnicodeString& text);
bool is_valid_hashtag(const icu::UnicodeString& text);
bool is_valid_url(const icu::UnicodeString& url, bool unicode_domains = true, bool require_protocol = true);

struct ParseResult {
  int weighted_length = 0;
  bool valid = false;
  int permillage = 0;
  int valid_range_end = 0;    // last UTF-16 unit within the limit
  int display_range_end = 0;  // last UTF-16 unit of the text
};

ParseResult parse_tweet(const icu::UnicodeString& text, const Config& config = Config::v3());

}  // namespace kanal::text::twitter
