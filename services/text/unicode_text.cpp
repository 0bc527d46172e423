#include "text/unicode_text.h"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "core/error.h"
#include "core/utf8.h"

namespace kanal::text {

icu::UnicodeString to_unicode(std::string_view utf8, std::string_view field) {
  if (!utf8::is_valid(utf8)) {
    throw Error(ErrorCode::invalid_input, std::string(field) + " is not valid UTF-8", std::string(field));
  }
  return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

OffsetMap::OffsetMap(const icu::UnicodeString& text) {
  const int length = text.length();
  code_point_to_utf16_.reserve(static_cast<std::size_t>(length) + 1);
  byte_of_code_point_.reserve(static_cast<std::size_t>(length) + 1);
  std::size_t bytes = 0;
  for (int i = 0; i < length;) {
    const UChar32 c = text.char32At(i);
    code_point_to_utf16_.push_back(i);
    byte_of_code_point_.push_back(bytes);
    bytes += static_cast<std::size_t>(U8_LENGTH(c));
    i += U16_LENGTH(c);
  }
  code_point_to_utf16_.push_back(length);
  byte_of_code_point_.push_back(bytes);
}

std::size_t OffsetMap::code_point(int utf16_offset) const {
  // The first code point that starts at or after the offset.
  const auto it = std::lower_bound(code_point_to_utf16_.begin(), code_point_to_utf16_.end(), utf16_offset);
  return static_cast<std::size_t>(it - code_point_to_utf16_.begin());
}

std::size_t OffsetMap::utf8_byte(int utf16_offset) const {
  const std::size_t index = std::min(code_point(utf16_offset), byte_of_code_point_.size() - 1);
  return byte_of_code_point_[index];
}

int OffsetMap::utf16_from_code_point(std::size_t code_point) const {
  return code_point_to_utf16_[std::min(code_point, code_point_to_utf16_.size() - 1)];
}

std::vector<int> grapheme_boundaries(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaks(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) throw Error(ErrorCode::internal, "ICU has no grapheme rules");
  breaks->setText(text);
  std::vector<int> boundaries;
  for (int32_t at = breaks->first(); at != icu::BreakIterator::DONE; at = breaks->next()) {
    boundaries.push_back(at);
  }
  return boundaries;
}

bool is_emoji_cluster(const icu::UnicodeString& text, int start, int end) {
  const UChar32 first = text.char32At(start);
  if (u_hasBinaryProperty(first, UCHAR_EMOJI_PRESENTATION) || u_hasBinaryProperty(first, UCHAR_REGIONAL_INDICATOR)) {
    return true;
  }
  for (int i = start; i < end; i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (c == 0xFE0F || c == 0x20E3) return true;  // emoji style, keycap
  }
  // Digits, '#' and '*' are emoji only as keycaps (handled above).
  return u_hasBinaryProperty(first, UCHAR_EMOJI) && first > 0x7F;
}

icu::UnicodeString nfc(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw Error(ErrorCode::internal, "ICU has no NFC data");
  icu::UnicodeString normalized = normalizer->normalize(text, status);
  if (U_FAILURE(status)) throw Error(ErrorCode::internal, "NFC normalisation failed");
  return normalized;
}

}  // namespace kanal::text
