#pragma once
// Spelling with hunspell and Debian's dictionaries (hunspell-sv, -da, -no,
// -de-de, -en-gb …). A language with no dictionary installed has no checker;
// callers say so instead of checking.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/unistr.h>

class Hunspell;

namespace kanal::text {

class SpellChecker {
 public:
  // The shared checker of a language code (sv, da, nb, nn, de, en, …), or
  // nullptr when its dictionary is not installed. Loaded once per process.
  static std::shared_ptr<SpellChecker> for_language(std::string_view language);

  SpellChecker(const std::string& aff, const std::string& dic);
  ~SpellChecker();
  SpellChecker(const SpellChecker&) = delete;
  SpellChecker& operator=(const SpellChecker&) = delete;

  bool correct(const icu::UnicodeString& word);
  std::vector<std::string> suggestions(const icu::UnicodeString& word, std::size_t at_most = 3);
  // A word the workspace accepts (the agency's names and terms).
  void accept(const icu::UnicodeString& word);

 private:
  std::string encode(const icu::UnicodeString& word) const;

  std::mutex mutex_;  // hunspell is not safe for concurrent calls
  // Answers already given: a draft is checked again at every keystroke.
  std::map<std::string, bool> known_;
  std::map<std::string, std::vector<std::string>> suggested_;
  std::unique_ptr<Hunspell> hunspell_;
  std::string encoding_;
};

}  // namespace kanal::text
