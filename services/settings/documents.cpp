#include "settings/documents.h"

#include <algorithm>

#include "core/error.h"
#include "core/utf8.h"
#include "engagement/blocked_terms.h"
#include "engagement/moderation_policy.h"
#include "text/templates.h"
#include "text/word_lists.h"
#include "workflow/policy.h"

namespace kanal::settings {
namespace {

constexpr std::size_t kMaxBytes = 1'000'000;

// A web domain as people write it: "forsakringskassan.se", no scheme or path.
bool is_domain(std::string_view line) {
  if (line.size() > 253 || line.find('.') == std::string_view::npos) return false;
  if (line.front() == '.' || line.back() == '.' || line.front() == '-') return false;
  return std::all_of(line.begin(), line.end(), [](unsigned char c) {
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
}

// Each meaningful line of `content` passes `line_ok`, or the first that does not is named.
template <class Check>
void check_lines(std::string_view content, const DocumentInfo& document, Check line_ok, std::string_view expected) {
  std::size_t number = 0;
  std::size_t start = 0;
  while (start <= content.size()) {
    const auto end = std::min(content.find('\n', start), content.size());
    ++number;
    const auto lines = meaningful_lines(content.substr(start, end - start));
    if (!lines.empty() && !line_ok(lines.front())) {
      throw Error(ErrorCode::invalid_input,
                  std::string(document.title) + ", line " + std::to_string(number) + ": \"" +
                      utf8::preview(lines.front(), 60) + "\" is not " + std::string(expected),
                  std::string(document.name));
    }
    start = end + 1;
  }
}

}  // namespace

const std::vector<DocumentInfo>& documents() {
  static const std::vector<DocumentInfo> all{
      {Document::approval_policy, "approval-policy", "policy.txt", "Approval policy", "text/plain"},
      {Document::templates, "templates", "templates.json", "Templates and audience segments", "application/json"},
      {Document::jargon, "jargon", "jargon.txt", "Jargon and plain alternatives", "text/plain"},
      {Document::rights, "rights", "rights.txt", "Words about rights and entitlements", "text/plain"},
      {Document::dictionary, "dictionary", "dictionary.txt", "The agency's own words (spelling)", "text/plain"},
      {Document::moderation_policy, "moderation-policy", "moderation.txt", "Moderation policy", "text/plain"},
      {Document::blocked_terms, "blocked-terms", "blocked-terms.txt", "Blocked terms", "text/plain"},
      {Document::own_domains, "own-domains", "own-domains.txt", "The agency's own web domains", "text/plain"},
  };
  return all;
}

const DocumentInfo& info(Document document) { return documents().at(static_cast<std::size_t>(document)); }

const DocumentInfo& find_document(std::string_view name) {
  for (const auto& document : documents()) {
    if (document.name == name) return document;
  }
  throw Error(ErrorCode::not_found, "no workspace document \"" + utf8::preview(name, 40) + "\"");
}

std::string default_content(Document document) {
  switch (document) {
    case Document::approval_policy: return std::string(workflow::Policy::default_text());
    case Document::templates: return std::string(text::default_catalog_json());
    case Document::jargon: return std::string(text::WordLists::default_jargon_file());
    case Document::rights: return std::string(text::WordLists::default_rights_file());
    case Document::dictionary: return "# Words of the agency that spelling accepts, one per line.\n";
    case Document::moderation_policy:
      return "# What Kanal does with each kind of comment: CATEGORY ACTION [THRESHOLD]\n"
             "# Actions: hide, hide_and_review, review, keep. Criticism and profanity are always kept.\n" +
             engagement::ModerationPolicy::defaults().text();
    case Document::blocked_terms:
      return "# Words and phrases that hide a comment whatever else it says, one per line.\n";
    case Document::own_domains:
      return "# The agency's own web domains, one per line (e.g. forsakringskassan.se): links imitating\n"
             "# them are hidden as scams.\n";
  }
  throw Error(ErrorCode::internal, "unknown workspace document");
}

void check(Document document, std::string_view content) {
  const auto& about = info(document);
  const std::string field(about.name);
  if (content.size() > kMaxBytes) {
    throw Error(ErrorCode::invalid_input, std::string(about.title) + " is longer than 1 MB", field);
  }
  if (!utf8::is_valid(content)) {
    throw Error(ErrorCode::invalid_input, std::string(about.title) + " is not valid UTF-8 text", field);
  }
  try {
    switch (document) {
      case Document::approval_policy: workflow::Policy::parse(content); return;
      case Document::templates: text::parse_catalog(content); return;
      case Document::jargon:
      case Document::rights: return;  // sections of lines: any UTF-8 text reads
      case Document::dictionary:
        check_lines(
            content, about,
            [](const std::string& word) {
              try {
                text::check_dictionary_word(word);
                return true;
              } catch (const Error&) {
                return false;
              }
            },
            "one word (no spaces or punctuation)");
        return;
      case Document::moderation_policy: engagement::ModerationPolicy::parse(content); return;
      case Document::blocked_terms: engagement::BlockedTerms::parse(content); return;
      case Document::own_domains:
        check_lines(content, about, is_domain, "a web domain such as forsakringskassan.se (no https:// or path)");
        return;
    }
  } catch (const Error& e) {
    if (e.field() == field) throw;
    throw Error(ErrorCode::invalid_input, std::string(about.title) + ": " + e.detail(), field);
  }
}

std::vector<std::string> meaningful_lines(std::string_view content) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < content.size()) {
    const auto end = std::min(content.find('\n', start), content.size());
    auto line = content.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty() && line.front() != '#') lines.emplace_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace kanal::settings
