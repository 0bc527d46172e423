#pragma once
// /api/v1 shapes of the engagement inbox: items with their moderation,
// a conversation, the actions on an item, replies, sync, time to first
// answer, saved replies.

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::wire {

struct InboxItem {
  InteractionId id;
  AccountId account;
  std::string network_id;
  std::string kind;  // reply, mention, direct_message
  std::string author_handle, author_name;
  std::string text;        // in a page: the start of it (excerpt)
  bool excerpt = false;    // `text` is only the start
  bool truncated = false;  // the network's text was longer than Kanal keeps
  std::string language;
  Timestamp created_at;
  std::string in_reply_to;
  std::optional<PostId> post;  // the agency's post it answers
  std::string url;
  std::string state;  // new, assigned, answered, done
  std::optional<UserId> assignee;
  std::string category;
  double score = 0;
  std::string action;      // hide, hide_and_review, review, keep
  std::string decided_by;  // rule:…, model, person:login
  std::string reason;
  bool needs_review = false;
  std::string visibility;  // visible, hidden, hide_refused
  std::string network_note;
  std::optional<Timestamp> first_answer_at;
};

// GET /api/v1/inbox: each filter narrows the list; newest first.
struct InboxFilter {
  std::optional<AccountId> account;
  std::string state;     // new, assigned, answered, done; or "hidden", "review"
  std::string category;  // e.g. question
  std::string language;  // e.g. sv
  std::optional<UserId> assignee;
  std::optional<Timestamp> from, to;
  std::optional<InteractionId> before;  // paging
  std::int64_t offset = 0;              // or: from this row on (for a list that jumps)
  int limit = 100;
  bool count = false;  // also the number of items the filters leave
};

struct InboxPage {
  std::vector<InboxItem> items;
  std::optional<InteractionId> next_before;
  std::optional<std::int64_t> total;
};
std::string to_json(const InboxPage& page);
InboxPage parse_inbox_page(std::string_view body);

// One message of a conversation, as the network shows it.
struct ThreadMessage {
  std::string network_id, author_handle, text;
  Timestamp created_at;
  bool current = false;  // the inbox item itself
};

// Our answer to an item: a reply post and where it stands.
struct AnswerInfo {
  PostId post;
  std::string text;
  std::string state;  // the post's state (in_review, publishing, published, …)
};

// GET /api/v1/inbox/{id}: the whole item, the thread, the agency's post it
// answers, and the answers so far.
struct Conversation {
  InboxItem item;
  std::vector<ThreadMessage> thread;  // oldest first, the item among them
  std::string thread_note;            // why the network's thread could not be read (empty: it was)
  std::string post_text;              // the agency's post it answers
  std::vector<AnswerInfo> answers;
};
std::string to_json(const Conversation& conversation);
Conversation parse_conversation(std::string_view body);
std::string to_json(const InboxItem& item);
InboxItem parse_inbox_item(std::string_view body);

// POST /api/v1/inbox/{id}/moderate: hide, unhide, keep, review (ask a person),
// mute, block, report (the author, where the network cannot hide).
struct ModerateRequest {
  std::string action;
};
std::string to_json(const ModerateRequest& request);
ModerateRequest parse_moderate_request(std::string_view body);

// POST /api/v1/inbox/{id}/assign (user_id absent: nobody).
struct AssignRequest {
  std::optional<UserId> user;
};
std::string to_json(const AssignRequest& request);
AssignRequest parse_assign_request(std::string_view body);

// POST /api/v1/inbox/{id}/state: done, or back to new.
struct InboxStateRequest {
  std::string state;
};
std::string to_json(const InboxStateRequest& request);
InboxStateRequest parse_inbox_state_request(std::string_view body);

// POST /api/v1/inbox/{id}/reply: the answer becomes a reply post, submitted
// for approval by the policy; it goes out at once when no step is needed,
// or when its last approval is given.
struct AnswerRequest {
  std::string text;
  std::string language;
};
std::string to_json(const AnswerRequest& request);
AnswerRequest parse_answer_request(std::string_view body);

// POST /api/v1/inbox/{id}/reply-check {text, language}: what the approval
// policy would ask of this answer, before it is sent.
struct AnswerCheck {
  std::string waiting_for;  // the steps, in words (empty: it goes out at once)
  std::string why;          // the rule that decides
  bool rights = false;      // it states rights or entitlements (an expert checks it)
};
std::string to_json(const AnswerCheck& check);
AnswerCheck parse_answer_check(std::string_view body);

struct AnswerResult {
  PostId post;
  std::string state;        // the post's state
  std::string waiting_for;  // the approval steps it waits for, in words (empty: none)
  bool queued = false;      // on its way to the network
};
std::string to_json(const AnswerResult& result);
AnswerResult parse_answer_result(std::string_view body);

// POST /api/v1/inbox/sync {"account_id"?}
struct SyncResult {
  std::int64_t fetched = 0, stored = 0, duplicates = 0, unreadable = 0, hidden = 0, to_review = 0;
  bool more = false;  // more is waiting on the network: the next round (or Sync now) fetches it
  std::vector<std::string> problems;
};
std::string to_json(const SyncResult& result);
SyncResult parse_sync_result(std::string_view body);

// GET /api/v1/inbox/answer-times?from=&to=: per account and ISO week.
struct WeeklyAnswerTime {
  AccountId account;
  int iso_year = 0, iso_week = 0;
  std::int64_t answered = 0, unanswered = 0;
  std::optional<std::int64_t> median_s;
};
std::string to_json(const std::vector<WeeklyAnswerTime>& weeks);
std::vector<WeeklyAnswerTime> parse_weekly_answer_times(std::string_view body);

// /api/v1/saved-replies: answers the team reuses; {fields} are filled in.
struct SavedReplyInfo {
  std::int64_t id = 0;
  std::string name, language, text;
};
std::string to_json(const SavedReplyInfo& reply);
std::string to_json(const std::vector<SavedReplyInfo>& replies);
SavedReplyInfo parse_saved_reply(std::string_view body, bool with_id);
std::vector<SavedReplyInfo> parse_saved_replies(std::string_view body);

}  // namespace kanal::wire
