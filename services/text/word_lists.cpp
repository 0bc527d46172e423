#include "text/word_lists.h"

#include <algorithm>

#include <unicode/uchar.h>

#include "core/error.h"

extern const std::string_view kanal_text_jargon;
extern const std::string_view kanal_text_rights;

namespace kanal::text {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A case-insensitive alternation of `terms` (longest first), as whole words
// or, with `prefix`, as word starts (so "bidrag" finds "bidraget").
std::unique_ptr<icu::RegexPattern> alternation(std::vector<std::string> terms, bool prefix) {
  if (terms.empty()) return nullptr;
  std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string source = "(?<![\\p{L}\\p{N}])(?:";
  for (std::size_t i = 0; i < terms.size(); ++i) source += (i == 0 ? "\\Q" : "|\\Q") + terms[i] + "\\E";
  source += prefix ? ")" : ")(?![\\p{L}\\p{N}])";
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  std::unique_ptr<icu::RegexPattern> pattern(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(source), UREGEX_CASE_INSENSITIVE, where, status));
  return U_SUCCESS(status) ? std::move(pattern) : nullptr;
}

icu::UnicodeString folded(const icu::UnicodeString& word) {
  icu::UnicodeString out = word;
  return out.foldCase();
}

}  // namespace

std::vector<std::string> section_lines(std::string_view file, std::string_view language) {
  std::vector<std::string> lines;
  bool in_section = false;
  std::size_t start = 0;
  while (start < file.size()) {
    std::size_t end = file.find('\n', start);
    if (end == std::string_view::npos) end = file.size();
    const std::string_view line = trim(file.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      in_section = line.substr(1, line.size() - 2) == language;
      continue;
    }
    if (in_section) lines.emplace_back(line);
  }
  return lines;
}

WordLists::WordLists(std::string jargon_file, std::string rights_file, std::vector<std::string> dictionary)
    : jargon_file_(std::move(jargon_file)), rights_file_(std::move(rights_file)), dictionary_(std::move(dictionary)) {
  for (const auto& word : dictionary_) folded_dictionary_.insert(folded(icu::UnicodeString::fromUTF8(word)));
}

std::shared_ptr<const WordLists> WordLists::defaults() {
  static const auto lists = std::make_shared<const WordLists>(
      std::string(kanal_text_jargon), std::string(kanal_text_rights), std::vector<std::string>{});
  return lists;
}

std::string_view WordLists::default_jargon_file() { return kanal_text_jargon; }
std::string_view WordLists::default_rights_file() { return kanal_text_rights; }

const WordLists::Language& WordLists::language(std::string_view code) const {
  const std::lock_guard lock(mutex_);
  auto it = languages_.find(code);
  if (it != languages_.end()) return *it->second;
  auto parsed = std::make_unique<Language>();
  for (const auto& line : section_lines(jargon_file_, code)) {
    const std::size_t equals = line.find('=');
    if (equals == std::string::npos) continue;
    parsed->jargon.push_back({std::string(trim(std::string_view(line).substr(0, equals))),
                              std::string(trim(std::string_view(line).substr(equals + 1)))});
  }
  parsed->rights = section_lines(rights_file_, code);
  std::vector<std::string> terms;
  for (const auto& entry : parsed->jargon) terms.push_back(entry.term);
  parsed->jargon_pattern = alternation(terms, false);
  parsed->rights_pattern = alternation(parsed->rights, true);
  return *languages_.emplace(std::string(code), std::move(parsed)).first->second;
}

const std::vector<JargonEntry>& WordLists::jargon(std::string_view code) const { return language(code).jargon; }
const std::vector<std::string>& WordLists::rights_terms(std::string_view code) const { return language(code).rights; }
const icu::RegexPattern* WordLists::jargon_pattern(std::string_view code) const {
  return language(code).jargon_pattern.get();
}
const icu::RegexPattern* WordLists::rights_pattern(std::string_view code) const {
  return language(code).rights_pattern.get();
}

bool WordLists::in_dictionary(const icu::UnicodeString& word) const {
  return !folded_dictionary_.empty() && folded_dictionary_.count(folded(word)) > 0;
}

void check_dictionary_word(std::string_view word) {
  const icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  bool letters = false;
  for (int i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
    const UChar32 c = unicode.char32At(i);
    letters = letters || u_isalpha(c);
    if (!u_isalnum(c) && !u_hasBinaryProperty(c, UCHAR_DIACRITIC) && c != u'-' && c != u'\'' && c != 0x2019) {
      throw Error(ErrorCode::invalid_input, "a dictionary word is one word, without spaces or punctuation", "word");
    }
  }
  if (!letters) throw Error(ErrorCode::invalid_input, "a dictionary word needs letters", "word");
}

}  // namespace kanal::text
