#pragma once
// What an approval is bound to and who may give it: the facts the policy
// sees for a post and one target account, the exact content (and its hash)
// a reviewer approves, the steps a post needs across its targets, and whose
// role may take a step.

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "workflow/policy.h"

namespace kanal::workflow {

Facts facts_for(const Post& post, const Account& account, Role author_role);

// Canonical JSON of everything that goes out: every part's text and images
// with their alt text, each account's own text, the language and the target
// accounts. Any change to what is published changes it.
std::string content_snapshot(const Post& post, std::vector<AccountId> targets);
// SHA-256 of the snapshot, hex.
std::string content_hash(const std::string& snapshot);

// The steps of several targets' decisions together, each once, in the order
// they are taken: subject expert, line manager, director.
std::vector<Step> combined_steps(const std::vector<Decision>& decisions);

// Whether someone with `role` may take `step` (a director may also take a
// line manager's step).
bool may_take(Role role, Step step);

// The first step of `review` not yet approved; none once all are.
std::optional<Step> next_step(const Review& review);

}  // namespace kanal::workflow
