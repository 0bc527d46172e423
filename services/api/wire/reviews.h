#pragma once
// Submitting posts for approval, approving and sending back, over /api/v1.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"

namespace kanal::wire {

// What the policy asks of a post for one account (GET /posts/{id}/approval,
// POST /policy/try): the steps, and the rule that decided.
struct ApprovalTarget {
  AccountId account;
  std::string handle;
  std::vector<std::string> steps;  // empty: no approval needed
  std::string rule;
  int line = 0;
  std::string why;
};
// The body {"targets": [...]}.
std::vector<ApprovalTarget> parse_approval(std::string_view body);

// approve / send back: the hash of the content the reviewer looked at (so a
// stale view cannot approve a newer version), and a comment (required to
// send back).
struct DecisionRequest {
  std::string content_hash;
  std::string comment;
};
std::string to_json(const DecisionRequest& request);
DecisionRequest parse_decision(std::string_view body, bool comment_required);

// A post's newest submission as one caller sees it.
struct ReviewView {
  Review review;             // content and reasons are JSON text
  std::string next_step;     // empty once approved (or closed)
  std::string current_hash;  // of the post as it is now, for the review's targets
  std::string last_seen;     // the content this caller last decided on (JSON), if any
  bool may_decide = false;   // whether the caller may approve or send back now
  std::string why_not;       // why not, in words
};
std::string to_json(const ReviewView& view);
ReviewView parse_review_view(std::string_view body);

// One entry of a reviewer's queue.
struct QueueItem {
  std::int64_t review_id = 0;
  PostId post;
  std::string step;  // the step that waits for the caller
  UserId author;
  UserId submitted_by;
  Timestamp submitted_at;
  std::string excerpt;  // the post's first words
  std::vector<AccountId> targets;
  std::string why;  // the policy's reasons, one line per target
};
std::string to_json(const std::vector<QueueItem>& items);
std::vector<QueueItem> parse_queue(std::string_view body);

}  // namespace kanal::wire
