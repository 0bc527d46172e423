#pragma once
// A workspace's word lists: the agency's jargon with plain alternatives and
// the words that signal a statement about rights and entitlements (one
// "[language]" section each, as in assets/text/jargon.txt and rights.txt,
// which an admin edits in the workspace), and the workspace dictionary of
// the agency's own words that spelling accepts.

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/regex.h>
#include <unicode/unistr.h>

namespace kanal::text {

struct JargonEntry {
  std::string term;
  std::string plain;
};

class WordLists {
 public:
  WordLists(std::string jargon_file, std::string rights_file, std::vector<std::string> dictionary);

  // Kanal's own lists (embedded from assets/text) and an empty dictionary.
  static std::shared_ptr<const WordLists> defaults();
  static std::string_view default_jargon_file();
  static std::string_view default_rights_file();

  const std::string& jargon_file() const { return jargon_file_; }
  const std::string& rights_file() const { return rights_file_; }
  const std::vector<std::string>& dictionary() const { return dictionary_; }

  const std::vector<JargonEntry>& jargon(std::string_view language) const;
  const std::vector<std::string>& rights_terms(std::string_view language) const;
  // Whole-word jargon and word-start rights terms, case-insensitive; null
  // when the language has none. Compiled once per list.
  const icu::RegexPattern* jargon_pattern(std::string_view language) const;
  const icu::RegexPattern* rights_pattern(std::string_view language) const;
  // A word of the workspace dictionary (case-insensitive).
  bool in_dictionary(const icu::UnicodeString& word) const;

 private:
  struct Language {
    std::vector<JargonEntry> jargon;
    std::vector<std::string> rights;
    std::unique_ptr<icu::RegexPattern> jargon_pattern;
    std::unique_ptr<icu::RegexPattern> rights_pattern;
  };
  const Language& language(std::string_view code) const;

  std::string jargon_file_;
  std::string rights_file_;
  std::vector<std::string> dictionary_;
  std::set<icu::UnicodeString> folded_dictionary_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::unique_ptr<Language>, std::less<>> languages_;
};

// Parses "[lang]" sections of lines; "#" starts a comment line.
std::vector<std::string> section_lines(std::string_view file, std::string_view language);

// A word the workspace dictionary takes: one word with letters, no spaces or
// punctuation but hyphens and apostrophes (Error invalid_input otherwise).
void check_dictionary_word(std::string_view word);

}  // namespace kanal::text
