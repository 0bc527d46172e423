#pragma once
// What the workspace's moderation makes of a comment: the rules that need no
// model, the classifier, and the policy (kanal::engagement), as the store
// keeps a decision. Read-only after construction: shared by threads.

#include <string>
#include <string_view>

#include "engagement/moderation_policy.h"
#include "engagement/moderation_rules.h"
#include "store/interaction_repository.h"

namespace kanal::inbox {

struct Judgement {
  store::ModerationDecision decision;
  bool needs_review = false;  // a person should look (hide_and_review, review)
  bool hide = false;          // hide now (hide, hide_and_review)
};

class Moderator {
 public:
  Moderator(engagement::RuleContext rules, engagement::ModerationPolicy policy);

  // Never throws for the text: text that is not UTF-8 is judged in its
  // repaired form (what the inbox shows).
  Judgement judge(std::string_view text) const;
  const engagement::ModerationPolicy& policy() const { return policy_; }

  // The decision a person takes from the inbox (`login` decided).
  static Judgement by_person(const store::ModerationDecision& before, engagement::Action action,
                             const std::string& login);

 private:
  engagement::RuleContext rules_;
  engagement::ModerationPolicy policy_;
};

}  // namespace kanal::inbox
