#include "inbox/moderator.h"

#include <cmath>

#include "core/utf8.h"
#include "engagement/classifier.h"
#include "engagement/moderation.h"

namespace kanal::inbox {
namespace {

Judgement judgement_of(store::ModerationDecision decision, engagement::Action action) {
  decision.action = std::string(engagement::to_string(action));
  Judgement out;
  out.decision = std::move(decision);
  out.hide = action == engagement::Action::hide || action == engagement::Action::hide_and_review;
  out.needs_review = action == engagement::Action::hide_and_review || action == engagement::Action::review;
  return out;
}

}  // namespace

Moderator::Moderator(engagement::RuleContext rules, engagement::ModerationPolicy policy)
    : rules_(std::move(rules)), policy_(std::move(policy)) {}

Judgement Moderator::judge(std::string_view text) const {
  const std::string readable = utf8::is_valid(text) ? std::string(text) : utf8::repaired(text);
  const auto verdict = engagement::moderate(readable, rules_, engagement::Classifier::builtin(), policy_);
  store::ModerationDecision decision{std::string(engagement::to_string(verdict.category)),
                                     static_cast<int>(std::lround(verdict.score * 1000)), "", verdict.decided_by,
                                     verdict.reason};
  return judgement_of(std::move(decision), verdict.action);
}

Judgement Moderator::by_person(const store::ModerationDecision& before, engagement::Action action,
                               const std::string& login) {
  auto decision = before;
  decision.decided_by = "person:" + login;
  decision.reason = "decided by " + login + " (was: " + before.action + " by " + before.decided_by + ")";
  auto out = judgement_of(std::move(decision), action);
  out.needs_review = false;  // a person has looked
  return out;
}

}  // namespace kanal::inbox
