// twitter-text: how X counts and reads a post. Every range it gives lies
// within the text, and the weighted length is never negative.
#include <unicode/unistr.h>

#include "fuzz_support.h"
#include "text/twitter_text.h"

using namespace kanal;
namespace tt = kanal::text::twitter;

namespace {

void check_entities(const std::vector<tt::Entity>& entities, const icu::UnicodeString& text) {
  int previous_end = 0;
  for (const auto& entity : entities) {
    if (entity.start < 0 || entity.end > text.length() || entity.start > entity.end)
      fuzz::broken("an entity outside the text");
    if (entity.start < previous_end) fuzz::broken("entities overlap or are out of order");
    previous_end = entity.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::refused_or_read([&] {
    const auto input = fuzz::text_of(data, size);
    const auto text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(input.data(), static_cast<std::int32_t>(input.size())));
    const auto parsed = tt::parse_tweet(text);
    if (parsed.weighted_length < 0) fuzz::broken("a negative weighted length");
    if (parsed.valid_range_end > text.length() || parsed.display_range_end > text.length())
      fuzz::broken("a range past the text");
    check_entities(tt::extract_urls(text), text);
    check_entities(tt::extract_mentions_or_lists(text), text);
    check_entities(tt::extract_hashtags(text), text);
    check_entities(tt::extract_cashtags(text), text);
    tt::extract_reply_screen_name(text);
    tt::is_valid_username(text);
    tt::is_valid_hashtag(text);
    tt::is_valid_url(text);
  });
  return 0;
}
