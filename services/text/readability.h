#pragma once
// Readability measures per language: LIX for Swedish, Danish, Norwegian and
// Finnish (a length-based measure that suits compounding languages), Flesch
// reading ease for English, and Amstad's German Flesch for German.

#include <cstddef>
#include <string>
#include <string_view>

#include <unicode/unistr.h>

namespace kanal::text {

enum class ReadabilityMeasure { lix, flesch, flesch_amstad };

struct TextStatistics {
  std::size_t sentences = 0;
  std::size_t words = 0;
  std::size_t long_words = 0;  // more than six letters (LIX)
  std::size_t syllables = 0;
};

struct Readability {
  ReadabilityMeasure measure = ReadabilityMeasure::lix;
  double score = 0;
  bool higher_is_easier = false;  // LIX: lower is easier; Flesch: higher is
  TextStatistics statistics;
};

std::string_view to_string(ReadabilityMeasure measure);
// The measure used for a language code (sv, da, nb, nn, no, fi, en, de).
ReadabilityMeasure measure_for(std::string_view language);

// Words and sentences as ICU finds them; URLs, mentions and hashtags should
// be blanked out by the caller.
TextStatistics statistics(const icu::UnicodeString& text, std::string_view language);
Readability readability(const icu::UnicodeString& text, std::string_view language);

// A plain-language target for a measure: LIX at most 40 ("plain"), Flesch at
// least 60; a segment may ask for easier.
struct ReadingTarget {
  double lix_max = 40;
  double flesch_min = 60;
};

bool meets(const Readability& readability, const ReadingTarget& target);

// "LIX 41.5", and the target for its measure: "at most 35.0" or "at least 60.0".
std::string score_text(const Readability& readability);
std::string target_text(const Readability& readability, const ReadingTarget& target);

}  // namespace kanal::text
