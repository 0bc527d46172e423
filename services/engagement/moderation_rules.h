#pragma once
// The moderation rules that need no model, in order: a personal identity
// number with valid check digits (personal data), a link imitating the
// agency's domains (scam), a term on the workspace's blocked list (hate).
// A rule is certain: its confidence is 1.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engagement/blocked_terms.h"
#include "engagement/moderation_policy.h"

namespace kanal::engagement {

struct RuleContext {
  std::vector<std::string> own_domains;  // "forsakringskassan.se"
  BlockedTerms blocked_terms;
};

struct RuleHit {
  Category category;
  std::string rule;    // "identity_number", "lookalike_link", "blocked_term"
  std::string reason;  // in words, for the inbox badge and the audit trail
};

// Throws Error(invalid_input) for text that is not UTF-8.
std::optional<RuleHit> apply_rules(std::string_view text, const RuleContext& context);

}  // namespace kanal::engagement
