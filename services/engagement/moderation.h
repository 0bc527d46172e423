#pragma once
// The one moderation decision everybody uses (kanald's sync, the inbox,
// kanalctl moderation, the trainer's evaluation): the rules that need no
// model first — they are certain — then the classifier, weighed by the
// workspace's policy. Deterministic: the same text, context, model and
// policy give the same verdict.

#include <string>
#include <string_view>

#include "engagement/classifier.h"
#include "engagement/moderation_policy.h"
#include "engagement/moderation_rules.h"

namespace kanal::engagement {

struct Verdict {
  Category category = Category::other;
  double score = 0;  // the confidence in `category`, 0–1 (1 for a rule)
  Action action = Action::keep;
  std::string decided_by;  // "rule:identity_number", "rule:lookalike_link", "rule:blocked_term", "model"
  std::string reason;      // in words, for the inbox badge and the audit trail
};

// Throws Error(invalid_input) for text that is not UTF-8.
Verdict moderate(std::string_view text, const RuleContext& context, const Classifier& classifier,
                 const ModerationPolicy& policy);

// Hide automatically (hide or hide_and_review): what "hidden" means in the figures.
inline bool hides(Action action) { return action == Action::hide || action == Action::hide_and_review; }

}  // namespace kanal::engagement
