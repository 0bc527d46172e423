#include "engagement/moderation.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace kanal::engagement {
namespace {

std::string two_places(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

}  // namespace

Verdict moderate(std::string_view text, const RuleContext& context, const Classifier& classifier,
                 const ModerationPolicy& policy) {
  if (auto hit = apply_rules(text, context)) {
    return Verdict{hit->category, 1.0, policy.action_for(hit->category, 1.0), "rule:" + hit->rule,
                   std::move(hit->reason)};
  }
  const Scores scores = classifier.classify(text);
  // Threats and hate are both unlawful content: the confidence that a
  // comment is one of them is their sum, the category the likelier of the
  // two. That sum decides hiding; for review, each category's own score
  // weighs against its own review threshold too, so a comment that is
  // somewhat likely a threat is looked at even when hate is the likelier.
  const double harm = scores.of(Category::threat) + scores.of(Category::hate);
  const Category harmful = scores.top({Category::threat, Category::hate});
  std::pair<Category, double> flagged{harmful, harm};
  Action action = policy.action_for(harmful, harm);
  for (const auto category : {Category::threat, Category::hate}) {
    if (action != Action::keep) break;
    action = policy.action_for(category, scores.of(category));
    flagged = {category, scores.of(category)};
  }
  if (action == Action::keep) {
    flagged = {Category::spam, scores.of(Category::spam)};
    action = policy.action_for(Category::spam, flagged.second);
  }
  if (action != Action::keep) {
    const auto [category, score] = flagged;
    std::string reason = "model: " + std::string(to_string(category)) + " " + two_places(score);
    const auto features = classifier.explain(text, category, 3);
    for (std::size_t i = 0; i < features.size(); ++i) {
      reason += (i == 0 ? " \u2014 '" : ", '") + features[i].text + "' " + two_places(features[i].weight);
    }
    return Verdict{category, score, action, "model", std::move(reason)};
  }
  const Category kept =
      scores.top({Category::criticism, Category::profanity, Category::question, Category::thanks, Category::other});
  const double score = scores.of(kept);
  return Verdict{kept, score, policy.action_for(kept, score), "model",
                 "model: " + std::string(to_string(kept)) + " " + two_places(score) + " (" +
                     std::string(to_string(harmful)) + " " + two_places(scores.of(harmful)) + ")"};
}

}  // namespace kanal::engagement
