#pragma once
// The approval workflow over the store, inside the caller's transaction:
// submitting a post for its target accounts, approving or sending back a
// step, voiding approvals when the post changes, and the gate the publish
// endpoint passes through. Each decision is an audit event.

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "workflow/policy.h"

namespace kanal::workflow {

struct TargetDecision {
  Account account;
  Decision decision;
};

class Approvals {
 public:
  Approvals(Poco::Data::Session& session, const Policy& policy) : session_(session), policy_(policy) {}

  // The policy's decision for each target account (which must exist and be
  // connected; Error invalid_input naming the field otherwise). The policy's
  // "author" is `submitter` when they wrote or edited the post (a director
  // who edits an officer's draft for their account and submits it posts it
  // as theirs), and otherwise the one who created it.
  std::vector<TargetDecision> decide(const Post& post, const std::vector<AccountId>& targets,
                                     std::optional<UserId> submitter = std::nullopt);

  // Submits `post` for `targets` as `by` asked: the open submission (if any)
  // is void, and the new one is approved at once when the policy asks for no
  // step.
  Review submit(const Post& post, const std::vector<AccountId>& targets, UserId by, Timestamp at);

  // The open submission (pending or approved), if any, is void: `why` goes
  // on record (the post was deleted, or submitted again).
  void withdraw(const Post& post, const std::string& why, UserId by, Timestamp at);

  // The post changed: an open submission is void and the post goes back to
  // review for the same targets. A sent-back post becomes a draft again.
  void after_edit(const Post& post, UserId by, Timestamp at);

  // Why `who` may not decide on `review` now; none when they may. Nobody
  // decides on a post they wrote, edited or submitted.
  std::optional<std::string> why_not(const Post& post, const Review& review, const User& who);
  // Approve (or send back) the next step of the post's open submission, for
  // the content with hash `seen_hash`. Errors: forbidden (own work, wrong
  // role, already decided), stale_version (the content changed since),
  // invalid_input (nothing awaits approval).
  Review decide_step(const Post& post, const User& who, bool approve, const std::string& seen_hash,
                     const std::string& comment, Timestamp at);

  // The content hash the publisher may send for `targets` on behalf of
  // `who`; Error approval_required saying what is missing when the post may
  // not go out (also when `who` is disabled or their role no longer
  // publishes: what they scheduled waits for someone else), forbidden when
  // an account's permissions leave `who` out.
  std::string require_cleared(const Post& post, const std::vector<AccountId>& targets, UserId who);

 private:
  void require_may_still_send(UserId who);
  // `policy_author`: whose role the policy weighs (see decide()); an edit
  // submits again with none, so saving an edit is never its own approval.
  Review submit_for(const Post& post, const std::vector<AccountId>& targets, UserId by, Timestamp at,
                    std::optional<UserId> policy_author);
  // Whether the trail shows `who` creating or editing the post.
  bool wrote_part_of(const Post& post, UserId who);
  // Error forbidden unless each account's permissions let `who` use `capability`.
  void require_capability(const std::vector<TargetDecision>& targets, UserId who, const std::string& capability);

  Poco::Data::Session& session_;
  const Policy& policy_;
};

// The policy's decision per account as JSON: [{"account_id", "handle",
// "steps", "rule", "line", "why"}] (the API's and a review's reasons).
std::string decisions_json(const std::vector<TargetDecision>& decisions);

// The hash of what is published, without the targets: the publisher checks a
// post still has it before each first attempt. It is of the post as written
// and reviewed, not of each network's text with press contacts' handles put
// in (contacts/press_mentions.h): the reviewer approves mentioning a person,
// the directory says what that person is called on each network, and an
// admin correcting a handle (audited) must not hold every scheduled post
// that mentions them. The text each account was sent is in the trail
// (post.published's "texts") whenever a handle changed it.
std::string publish_hash(const Post& post);

// What an account must let a person do to send `post` out: answer (a
// reply) or publish.
std::string sending_capability(const Post& post);

}  // namespace kanal::workflow
