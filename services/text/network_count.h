#pragma once
// Counting a text as a network counts it, by the rules its plugin's
// descriptor names (core/network_descriptor.h): twitter-text's weighted
// length, graphemes or code points; links at a fixed cost or as written; a
// mention by its local part; mentions written @name, @name@server or
// @handle.domain. Offsets are code points into the UTF-8 text the caller
// gave, as the editor counts. No network is named here.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/network_descriptor.h"

namespace kanal::text {

struct CountRules {
  Counting counting = Counting::graphemes;
  std::size_t limit = 500;
  std::size_t characters_per_url = 0;  // what a link costs; 0 = as written (weighted: twitter-text's own)
  bool mention_counts_local_part_only = false;
  MentionStyle mentions = MentionStyle::at_name;
  bool links_without_scheme = false;  // "kanal.example/x" is a link too
};

// The rules a network's descriptor gives.
CountRules count_rules(const TextRules& network);
// An account's rules: its network's, with its server's limits where known
// (non-zero: a Mastodon instance sets its own). Without its network's
// descriptor (its plugin is not loaded): code points up to the limit the
// account was connected with.
CountRules rules_for_account(const Account& account, const NetworkDescriptor* network);

struct Span {
  std::size_t start = 0;  // code points, [start, end)
  std::size_t end = 0;
  bool operator==(const Span&) const = default;
};

enum class EntityKind { url, mention, hashtag };
std::string_view to_string(EntityKind kind);

// A link, mention or hashtag as the network will see it; Bluesky's facets
// need the UTF-8 byte range too.
struct TextEntity {
  EntityKind kind = EntityKind::url;
  Span span;
  std::size_t byte_start = 0;
  std::size_t byte_end = 0;
  std::string value;  // the URL, the handle (no @) or the tag (no #)
};

struct Count {
  Counting counting = Counting::graphemes;
  std::size_t count = 0;
  std::size_t limit = 0;
  bool valid = false;          // within the limit and free of characters the network refuses
  std::vector<Span> overflow;  // what lies past the limit (empty when within)
  std::vector<TextEntity> entities;
  std::string_view unit;  // "weighted characters", "graphemes" or "characters"
};

// Throws Error(invalid_input) when `text` is not valid UTF-8.
Count count_text(std::string_view text, const CountRules& rules);

// The entities of `text` as a network with `rules` recognises them, sorted by position.
std::vector<TextEntity> find_entities(std::string_view text, const CountRules& rules);

}  // namespace kanal::text
