#pragma once
// The counting rules of the networks as their plugins' descriptors give
// them, kept here as test data: kanal::text itself names no network.

#include <string_view>
#include <vector>

#include "text/network_count.h"

namespace kanal::text::example {

enum class Network { x, bluesky, mastodon, linkedin, facebook };

inline CountRules default_rules(Network network) {
  CountRules rules;
  switch (network) {
    case Network::x:
      rules.counting = Counting::weighted;
      rules.limit = 280;
      rules.characters_per_url = 23;
      rules.links_without_scheme = true;
      break;
    case Network::bluesky:
      rules.counting = Counting::graphemes;
      rules.limit = 300;
      rules.mentions = MentionStyle::at_domain;
      rules.links_without_scheme = true;
      break;
    case Network::mastodon:
      rules.counting = Counting::graphemes;
      rules.limit = 500;
      rules.characters_per_url = 23;
      rules.mention_counts_local_part_only = true;
      rules.mentions = MentionStyle::at_name_host;
      break;
    case Network::linkedin:
      rules.counting = Counting::code_points;
      rules.limit = 3000;
      break;
    case Network::facebook:
      rules.counting = Counting::code_points;
      rules.limit = 63206;
      break;
  }
  return rules;
}

inline std::string_view to_string(Network network) {
  switch (network) {
    case Network::x: return "x";
    case Network::bluesky: return "bluesky";
    case Network::mastodon: return "mastodon";
    case Network::linkedin: return "linkedin";
    case Network::facebook: return "facebook";
  }
  return "";
}

inline std::vector<TextEntity> find_entities(std::string_view text, Network network) {
  return text::find_entities(text, default_rules(network));
}

}  // namespace kanal::text::example
