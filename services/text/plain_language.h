#pragma once
// Plain-language checks for a draft: readability against a target, long
// sentences and words, the agency's jargon, ALL CAPS, hashtags a screen
// reader cannot read, too many hashtags, emoji or links, images without alt
// text, statements about rights and entitlements, and spelling. Each finding
// is a hint with a position and a suggestion; nothing is rewritten.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/network_count.h"
#include "text/readability.h"
#include "text/word_lists.h"

namespace kanal::text {

enum class Severity { info, warning, blocking };
std::string_view to_string(Severity severity);

struct Hint {
  std::string kind;  // "readability", "long_sentence", "jargon", "spelling", …
  Severity severity = Severity::info;
  std::optional<Span> span;  // code points; none for the whole text
  std::string message;
  std::string suggestion;
};

struct CheckOptions {
  std::string language;  // sv, da, nb, nn, fi, de, en; empty: language checks are skipped
  ReadingTarget target;
  std::size_t max_links = 2;
  std::size_t max_hashtags = 3;
  std::size_t max_emoji = 3;
  std::size_t max_sentence_words = 25;
  std::size_t images_without_alt = 0;
  bool spelling = true;
  std::shared_ptr<const WordLists> lists;  // the workspace's; Kanal's own when null
};

struct CheckResult {
  std::vector<Hint> hints;  // in text order; whole-text hints first
  std::optional<Readability> readability;
  bool needs_expert_check = false;  // mentions rights or entitlements
  std::vector<std::string> rights_terms;
  bool spelling_checked = false;  // false when no dictionary is installed
};

// Whether `text` states rights or entitlements in `language` (in any
// language Kanal knows when `language` is empty). Invalid UTF-8 is repaired first.
bool states_rights(std::string_view text, std::string_view language, const WordLists& lists = *WordLists::defaults());

// Throws Error(invalid_input) when `text` is not valid UTF-8.
CheckResult check_plain_language(std::string_view text, const CheckOptions& options);

}  // namespace kanal::text
