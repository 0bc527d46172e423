#include "text/readability.h"

#include <cstdio>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>

#include "core/error.h"
#include "text/unicode_text.h"

namespace kanal::text {
namespace {

bool is_vowel(UChar32 c) {
  static const icu::UnicodeString vowels(u"aeiouyåäöæøéèêëáàâíìîïóòôúùûüý");
  return vowels.indexOf(static_cast<UChar32>(u_tolower(c))) >= 0;
}

// Syllables as groups of vowels; English drops a silent final "e".
std::size_t syllables_in(const icu::UnicodeString& word, bool english) {
  std::size_t groups = 0;
  bool in_vowels = false;
  for (int i = 0; i < word.length(); i = word.moveIndex32(i, 1)) {
    const bool vowel = is_vowel(word.char32At(i));
    if (vowel && !in_vowels) ++groups;
    in_vowels = vowel;
  }
  if (english && groups > 1 && word.length() > 2) {
    icu::UnicodeString lower = word;
    lower.toLower();
    if (lower.endsWith(u"e") && !lower.endsWith(u"le") && !lower.endsWith(u"ee")) --groups;
  }
  return groups == 0 ? 1 : groups;
}

std::size_t letters_in(const icu::UnicodeString& word) {
  std::size_t n = 0;
  for (int i = 0; i < word.length(); i = word.moveIndex32(i, 1)) {
    if (u_isalpha(word.char32At(i))) ++n;
  }
  return n;
}

}  // namespace

std::string_view to_string(ReadabilityMeasure measure) {
  switch (measure) {
    case ReadabilityMeasure::lix: return "LIX";
    case ReadabilityMeasure::flesch: return "Flesch reading ease";
    case ReadabilityMeasure::flesch_amstad: return "Flesch (Amstad)";
  }
  return "";
}

ReadabilityMeasure measure_for(std::string_view language) {
  if (language == "en") return ReadabilityMeasure::flesch;
  if (language == "de") return ReadabilityMeasure::flesch_amstad;
  return ReadabilityMeasure::lix;
}

TextStatistics statistics(const icu::UnicodeString& text, std::string_view language) {
  TextStatistics stats;
  const bool english = language == "en";
  icu::BreakIterator* words = &break_iterator(BreakKind::word, language, text);
  for (int32_t start = words->first(), end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next()) {
    if (words->getRuleStatus() < UBRK_WORD_LETTER) continue;  // spaces, punctuation, numbers
    const icu::UnicodeString word(text, start, end - start);
    ++stats.words;
    if (letters_in(word) > 6) ++stats.long_words;
    stats.syllables += syllables_in(word, english);
  }
  icu::BreakIterator* sentences = &break_iterator(BreakKind::sentence, language, text);
  for (int32_t start = sentences->first(), end = sentences->next(); end != icu::BreakIterator::DONE;
       start = end, end = sentences->next()) {
    const icu::UnicodeString sentence(text, start, end - start);
    bool has_letter = false;
    for (int i = 0; i < sentence.length() && !has_letter; i = sentence.moveIndex32(i, 1)) {
      has_letter = u_isalpha(sentence.char32At(i));
    }
    if (has_letter) ++stats.sentences;
  }
  return stats;
}

Readability readability(const icu::UnicodeString& text, std::string_view language) {
  Readability r;
  r.measure = measure_for(language);
  r.statistics = statistics(text, language);
  const auto& s = r.statistics;
  if (s.words == 0 || s.sentences == 0) return r;
  const double words_per_sentence = static_cast<double>(s.words) / static_cast<double>(s.sentences);
  const double syllables_per_word = static_cast<double>(s.syllables) / static_cast<double>(s.words);
  switch (r.measure) {
    case ReadabilityMeasure::lix:
      r.score = words_per_sentence + 100.0 * static_cast<double>(s.long_words) / static_cast<double>(s.words);
      break;
    case ReadabilityMeasure::flesch:
      r.score = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word;
      r.higher_is_easier = true;
      break;
    case ReadabilityMeasure::flesch_amstad:
      r.score = 180.0 - words_per_sentence - 58.5 * syllables_per_word;
      r.higher_is_easier = true;
      break;
  }
  return r;
}

std::string score_text(const Readability& readability) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, " %.1f", readability.score);
  return std::string(to_string(readability.measure)) + buffer;
}

std::string target_text(const Readability& readability, const ReadingTarget& target) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f", readability.higher_is_easier ? target.flesch_min : target.lix_max);
  return (readability.higher_is_easier ? "at least " : "at most ") + std::string(buffer);
}

bool meets(const Readability& readability, const ReadingTarget& target) {
  if (readability.statistics.words == 0) return true;
  return readability.higher_is_easier ? readability.score >= target.flesch_min : readability.score <= target.lix_max;
}

}  // namespace kanal::text
