#include "engagement/moderation_rules.h"

#include "engagement/identity_numbers.h"
#include "engagement/lookalike_links.h"

namespace kanal::engagement {

std::optional<RuleHit> apply_rules(std::string_view text, const RuleContext& context) {
  if (const auto numbers = find_identity_numbers(text); !numbers.empty()) {
    return RuleHit{Category::personal_data, "identity_number",
                   "exposes a personal identity number (" + std::string(to_string(numbers.front().kind)) + ")"};
  }
  if (const auto links = find_lookalike_links(text, context.own_domains); !links.empty()) {
    return RuleHit{Category::scam, "lookalike_link",
                   "links to " + links.front().host + ", which imitates " + links.front().imitates};
  }
  if (const auto term = context.blocked_terms.first_in(text)) {
    return RuleHit{Category::hate, "blocked_term", "contains the blocked term \u201c" + *term + "\u201d"};
  }
  return std::nullopt;
}

}  // namespace kanal::engagement
