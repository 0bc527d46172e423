#include "text/unicode_text.h"

#include <map>
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

icu::BreakIterator& break_iterator(BreakKind kind, std::string_view language, const icu::UnicodeString& text) {
  thread_local std::map<std::pair<BreakKind, std::string>, std::unique_ptr<icu::BreakIterator>> iterators;
  auto& iterator = iterators[{kind, std::string(language)}];
  if (!iterator) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale = language.empty() ? icu::Locale::getRoot() : icu::Locale(std::string(language).c_str());
    switch (kind) {
      case BreakKind::grapheme: iterator.reset(icu::BreakIterator::createCharacterInstance(locale, status)); break;
      case BreakKind::word: iterator.reset(icu::BreakIterator::createWordInstance(locale, status)); break;
      case BreakKind::sentence: iterator.reset(icu::BreakIterator::createSentenceInstance(locale, status)); break;
    }
    if (U_FAILURE(status) || !iterator) {
      iterator.reset();
      throw Error(ErrorCode::internal, "ICU has no text break rules");
    }
  }
  iterator->setText(text);
  return *iterator;
}

std::vector<int> boundaries(BreakKind kind, const icu::UnicodeString& text, std::string_view language) {
  icu::BreakIterator& breaks = break_iterator(kind, language, text);
  std::vector<int> out;
  for (int32_t at = breaks.first(); at != icu::BreakIterator::DONE; at = breaks.next()) out.push_back(at);
  return out;
}

std::vector<int> grapheme_boundaries(const icu::UnicodeString& text) { return boundaries(BreakKind::grapheme, text); }

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
