#include <cmath>
#include <map>

#include "core/error.h"
#include "core/json.h"
#include "text/twitter_emoji.h"
#include "text/twitter_text.h"
#include "text/unicode_text.h"

namespace kanal::text::twitter {
namespace {

bool is_invalid_unit(UChar unit) { return unit == 0xFFFE || unit == 0xFEFF || unit == 0xFFFF; }

int weight_of(UChar32 c, const Config& config) {
  for (const auto& range : config.ranges) {
    if (c >= range.start && c <= range.end) return range.weight;
  }
  return config.default_weight;
}

int required_int(const rapidjson::Value& object, const char* key) {
  if (!object.HasMember(key) || !object[key].IsInt()) {
    throw Error(ErrorCode::invalid_input, std::string("twitter-text config needs an integer \"") + key + "\"");
  }
  return object[key].GetInt();
}

}  // namespace

Config Config::from_json(std::string_view json_text) {
  const rapidjson::Document doc = json::parse_json(json_text);
  if (!doc.IsObject()) throw Error(ErrorCode::invalid_input, "twitter-text config is not an object");
  Config config;
  config.version = required_int(doc, "version");
  config.max_weighted_length = required_int(doc, "maxWeightedTweetLength");
  config.scale = required_int(doc, "scale");
  config.default_weight = required_int(doc, "defaultWeight");
  config.transformed_url_length = required_int(doc, "transformedURLLength");
  config.emoji_parsing = doc.HasMember("emojiParsingEnabled") && doc["emojiParsingEnabled"].IsBool() &&
                         doc["emojiParsingEnabled"].GetBool();
  if (config.scale <= 0 || config.max_weighted_length <= 0) {
    throw Error(ErrorCode::invalid_input, "twitter-text config needs a positive scale and maximum");
  }
  if (doc.HasMember("ranges") && doc["ranges"].IsArray()) {
    for (const auto& range : doc["ranges"].GetArray()) {
      config.ranges.push_back(
          {required_int(range, "start"), required_int(range, "end"), required_int(range, "weight")});
    }
  }
  return config;
}

const Config& Config::v3() {
  static const Config config = [] {
    Config c;
    c.ranges = {{0, 4351, 100}, {8192, 8205, 100}, {8208, 8223, 100}, {8242, 8247, 100}};
    return c;
  }();
  return config;
}

// Walks the text as twitter-text's parseTweet does: URLs weigh the
// transformed length, emoji (as twemoji-parser 11 finds them) the default
// weight, everything else its range's weight, one UTF-16 unit (or surrogate
// pair) at a time.
ParseResult parse_tweet(const icu::UnicodeString& text, const Config& config) {
  const icu::UnicodeString normalized = nfc(text);
  std::map<int, int> skip_to;  // entity start → its end, UTF-16
  // twitter-text skips as many units as the URL's text has, which is less
  // than its span when an ASCII domain inside a longer domain took the path.
  for (const auto& url : extract_urls(normalized)) {
    skip_to[url.start] = url.start + icu::UnicodeString::fromUTF8(url.text).length();
  }
  std::map<int, int> emoji;
  if (config.emoji_parsing) {
    for (const auto& [start, end] : find_emoji(normalized)) emoji[start] = end;
  }

  long long weighted = 0;
  const long long max_scaled = static_cast<long long>(config.max_weighted_length) * config.scale;
  bool valid = true;
  int valid_display_index = 0;
  for (int index = 0; index < normalized.length(); ++index) {
    if (const auto url = skip_to.find(index); url != skip_to.end()) {
      weighted += static_cast<long long>(config.transformed_url_length) * config.scale;
      index = url->second - 1;
    } else if (const auto e = emoji.find(index); e != emoji.end()) {
      weighted += config.default_weight;
      index = e->second - 1;
    } else {
      if (U16_IS_LEAD(normalized.charAt(index)) && index + 1 < normalized.length() &&
          U16_IS_TRAIL(normalized.charAt(index + 1))) {
        ++index;
      }
      // twitter-text weighs the unit it stands on: for a surrogate pair, the
      // trail surrogate (no range covers it, so the default weight).
      weighted += weight_of(normalized.charAt(index), config);
    }
    if (valid) valid = !is_invalid_unit(normalized.charAt(index));
    if (valid && weighted <= max_scaled) valid_display_index = index;
  }

  ParseResult result;
  result.weighted_length = static_cast<int>(weighted / config.scale);
  result.valid = valid && weighted > 0 && weighted <= max_scaled;
  // As JavaScript computes it, in doubles: weighted / scale / maximum * 1000.
  result.permillage =
      static_cast<int>(std::floor(static_cast<double>(weighted) / config.scale / config.max_weighted_length * 1000));
  result.valid_range_end = valid_display_index + (text.length() - normalized.length());
  result.display_range_end = text.length() > 0 ? text.length() - 1 : 0;
  return result;
}

}  // namespace kanal::text::twitter
