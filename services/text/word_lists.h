#pragma once
// The word lists in assets/text (embedded): the agency's jargon with plain
// alternatives, and the words that signal a statement about rights and
// entitlements, one section per language.

#include <string>
#include <string_view>
#include <vector>

namespace kanal::text {

struct JargonEntry {
  std::string term;
  std::string plain;
};

const std::vector<JargonEntry>& jargon_for(std::string_view language);
const std::vector<std::string>& rights_terms_for(std::string_view language);

// Parses "[lang]" sections of lines; "#" starts a comment line.
std::vector<std::string> section_lines(std::string_view file, std::string_view language);

}  // namespace kanal::text
