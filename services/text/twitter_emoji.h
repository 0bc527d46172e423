#pragma once
// The emoji twitter-text's parseTweet counts as one character each: what
// twemoji-parser 11 (Emoji 11.0) recognises, not what today's Unicode calls
// a grapheme. A newer sequence counts as its parts, as X counts it.

#include <utility>
#include <vector>

#include <unicode/unistr.h>

namespace kanal::text::twitter {

// [start, end) UTF-16 spans of the emoji in `text`, in order, not overlapping.
std::vector<std::pair<int, int>> find_emoji(const icu::UnicodeString& text);

}  // namespace kanal::text::twitter
