#pragma once
// JSON of text checks: what `kanalctl text check --json` prints (one result
// per line with --jsonl) and what POST /api/v1/text/check answers, per
// target account. Offsets are code points of the text.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "text/network_count.h"
#include "text/plain_language.h"
#include "text/templates.h"

namespace kanal::wire {

// One network's count and the plain-language hints, flat (the CLI's form).
std::string to_json(const text::Count& count, const text::CheckResult& plain);

struct TextCheckRequest {
  std::string text;
  std::string language;               // empty: language checks skipped
  std::vector<AccountId> accounts;    // empty: every connected account
  std::vector<std::string> networks;  // counts for networks without an account
  std::int64_t images_without_alt = 0;
};

struct TargetCount {
  std::optional<AccountId> account;  // none for a network asked for by name
  std::string network;
  std::string handle;
  text::Count count;  // of the text that goes out: its overflow and entities are offsets into it
  // The text as it goes out to this target when that differs from the
  // text asked about (press contacts' handles made the network's own,
  // contacts/press_mentions.h); empty when it does not.
  std::string text;
};

struct TextCheckResponse {
  std::vector<TargetCount> targets;
  text::CheckResult plain;
};

TextCheckRequest parse_text_check_request(std::string_view body);
std::string to_json(const TextCheckRequest& request);
std::string to_json(const TextCheckResponse& response);
TextCheckResponse parse_text_check_response(std::string_view body);

// GET /api/v1/text/lists: {"jargon": file, "rights": file, "dictionary": [words]}.
std::string to_json(const text::WordLists& lists);
std::shared_ptr<const text::WordLists> parse_word_lists(std::string_view body);
// POST /api/v1/text/dictionary: {"word": "…"}, one word of letters, digits,
// hyphens or apostrophes.
std::string parse_dictionary_word(std::string_view body);
std::string dictionary_word_json(const std::string& word);

// POST /api/v1/compose: a template for segments, languages and accounts.
struct ComposeRequest {
  std::string template_id;
  std::vector<std::string> segments;
  std::vector<std::string> languages;
  std::vector<AccountId> accounts;  // empty: every connected account
  std::map<std::string, std::string> fields;
};

struct ComposeResponse {
  std::vector<text::Composition> compositions;  // variants name accounts by id
};

ComposeRequest parse_compose_request(std::string_view body);
std::string to_json(const ComposeRequest& request);
std::string to_json(const ComposeResponse& response);
ComposeResponse parse_compose_response(std::string_view body);

}  // namespace kanal::wire
