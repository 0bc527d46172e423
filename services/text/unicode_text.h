#pragma once
// The bridge between Kanal's UTF-8 strings and ICU's UTF-16 text, and the
// offset arithmetic the networks need (X counts UTF-16 units, Bluesky facets
// count UTF-8 bytes, the editor counts code points).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

namespace kanal::text {

// Throws Error(invalid_input) naming `field` when `utf8` is not valid UTF-8.
icu::UnicodeString to_unicode(std::string_view utf8, std::string_view field = "text");
std::string to_utf8(const icu::UnicodeString& text);

// Maps UTF-16 offsets of one text to code-point and UTF-8 byte offsets.
class OffsetMap {
 public:
  explicit OffsetMap(const icu::UnicodeString& text);
  std::size_t code_point(int utf16_offset) const;
  std::size_t utf8_byte(int utf16_offset) const;
  int utf16_from_code_point(std::size_t code_point) const;

 private:
  std::vector<int> code_point_to_utf16_;  // one per code point, plus the end
  std::vector<std::size_t> byte_of_code_point_;
};

enum class BreakKind { grapheme, word, sentence };

// This thread's break iterator of `kind` for `language` (root rules when
// empty), set to `text`, which must outlive its use. Making one costs far
// more than the breaking itself, so each thread keeps its own.
icu::BreakIterator& break_iterator(BreakKind kind, std::string_view language, const icu::UnicodeString& text);

// Where `kind` breaks `text` (UTF-16 offsets, from 0 to the end).
std::vector<int> boundaries(BreakKind kind, const icu::UnicodeString& text, std::string_view language = {});

// UTF-16 offsets where extended grapheme clusters start, plus the end.
std::vector<int> grapheme_boundaries(const icu::UnicodeString& text);

// True when the grapheme cluster [start, end) of `text` is shown as an emoji
// (emoji presentation, a variation selector 16, a keycap, a flag, or a
// pictograph that defaults to emoji in sequences).
bool is_emoji_cluster(const icu::UnicodeString& text, int start, int end);

icu::UnicodeString nfc(const icu::UnicodeString& text);

}  // namespace kanal::text
