#include "engagement/blocked_terms.h"

#include "core/error.h"
#include "engagement/visual_form.h"

namespace kanal::engagement {
namespace {

bool is_word_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

std::string trimmed(std::string_view line) {
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = line.find_last_not_of(" \t\r");
  return std::string(line.substr(first, last - first + 1));
}

}  // namespace

BlockedTerms BlockedTerms::parse(std::string_view file_text) {
  BlockedTerms terms;
  int number = 0;
  while (!file_text.empty()) {
    const auto end = file_text.find('\n');
    const auto line = trimmed(file_text.substr(0, end));
    file_text = end == std::string_view::npos ? std::string_view() : file_text.substr(end + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    try {
      terms.terms_.push_back(Term{line, visual_form(line)});
    } catch (const Error&) {
      throw Error(ErrorCode::invalid_input, "line " + std::to_string(number) + " is not UTF-8", "blocked_terms");
    }
  }
  return terms;
}

std::optional<std::string> BlockedTerms::first_in(std::string_view text) const {
  if (terms_.empty()) return std::nullopt;
  const auto seen = visual_form(text);
  for (const auto& term : terms_) {
    for (auto at = seen.find(term.visual); at != std::string::npos; at = seen.find(term.visual, at + 1)) {
      const auto end = at + term.visual.size();
      const bool starts_word = at == 0 || !is_word_character(seen[at - 1]);
      const bool ends_word = end >= seen.size() || !is_word_character(seen[end]);
      if (starts_word && ends_word) return term.listed;
    }
  }
  return std::nullopt;
}

}  // namespace kanal::engagement
