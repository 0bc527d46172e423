#pragma once
// Counting a text as each network counts it: X's weighted length, Bluesky's
// graphemes, Mastodon's instance rules (URLs at a fixed length, a mention
// by its local part), LinkedIn's and Facebook's character limits. Offsets
// are code points into the UTF-8 text the caller gave, as the editor counts.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"

namespace kanal::text {

enum class Network { x, bluesky, mastodon, linkedin, facebook };

std::optional<Network> network_from_name(std::string_view name);  // "x", "bluesky", …
std::string_view to_string(Network network);
// What a network counts: "weighted characters", "graphemes" or "characters".
std::string_view counting_unit(Network network);

struct CountRules {
  Network network = Network::mastodon;
  std::size_t limit = 500;
  std::size_t characters_per_url = 23;  // Mastodon: what a URL costs; 0 = as written
};

// The rules each network publishes (Mastodon's are a server's defaults: an
// instance may say otherwise).
CountRules default_rules(Network network);
// The rules of a network named by its plugin id; a Mastodon-compatible
// network (the sandbox) counts as Mastodon. A server's own limits (non-zero)
// replace the network's defaults.
CountRules rules_for_network(std::string_view plugin_id, std::size_t max_characters = 0,
                             std::size_t characters_per_url = 0);
// An account's rules: its network's, with its server's limits where known.
CountRules rules_for_account(const Account& account);

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
  Network network = Network::mastodon;
  std::size_t count = 0;
  std::size_t limit = 0;
  bool valid = false;          // within the limit and free of characters the network refuses
  std::vector<Span> overflow;  // what lies past the limit (empty when within)
  std::vector<TextEntity> entities;
  std::string_view unit;  // "weighted characters", "graphemes" or "characters"
};

// Throws Error(invalid_input) when `text` is not valid UTF-8.
Count count_text(std::string_view text, const CountRules& rules);

// The entities of `text` as `network` recognises them, sorted by position.
std::vector<TextEntity> find_entities(std::string_view text, Network network);

}  // namespace kanal::text
