#pragma once
// The engagement inbox: comments, replies, mentions and direct messages the
// networks brought in, once per account and network id, with where each
// stands for the team (new → assigned → answered → done), the moderation's
// current decision, and whether the network shows it. A hidden comment is
// kept in full: it stays a public record.
//
// The store does not interpret categories or actions (kanal::engagement
// does); it keeps their names.

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

enum class InboxState { new_, assigned, answered, done };
std::string_view to_string(InboxState state);
std::optional<InboxState> parse_inbox_state(std::string_view text);

// visible; hide_pending (to be hidden: stored with the decision, so a crash
// or a network that does not answer is tried again); hidden (the network
// hides it, or its author was muted where the network cannot hide);
// hide_refused (wanted hidden, the network refused: a person must look).
enum class Visibility { visible, hide_pending, hidden, hide_refused };
std::string_view to_string(Visibility visibility);
std::optional<Visibility> parse_visibility(std::string_view text);

struct ModerationDecision {
  std::string category;  // engagement::Category by name
  int score_permille = 0;
  std::string action;      // hide, hide_and_review, review, keep
  std::string decided_by;  // "rule:identity_number", "model", or "person:<login>"
  std::string reason;      // in words: the rule, or the features that decided
};

struct NewInteraction {
  AccountId account;
  std::string network_id;
  std::string kind;  // reply, mention, direct_message
  std::string author_id, author_handle, author_name;
  std::string text;
  bool truncated = false;
  std::string language;
  Timestamp created_at;
  std::string in_reply_to;
  std::string url;
  ModerationDecision decision;
  bool needs_review = false;
  Visibility visibility = Visibility::visible;  // hide_pending when the decision hides it
};

struct Interaction {
  InteractionId id;
  AccountId account;
  std::string network_id, kind, author_id, author_handle, author_name;
  std::string text;  // whole, or the first characters in a page listing
  bool truncated = false;
  std::string language;
  Timestamp created_at;
  std::string in_reply_to;
  std::optional<PostId> post;  // the agency's post it answers
  std::string url;
  Timestamp fetched_at;
  InboxState state = InboxState::new_;
  std::optional<UserId> assignee;
  ModerationDecision decision;
  bool needs_review = false;
  Visibility visibility = Visibility::visible;
  std::string network_note;  // what the network said to a hide, mute or report
  std::optional<Timestamp> first_answer_at;
};

// Filters of the inbox; each, when set, narrows it.
struct InboxQuery {
  std::optional<AccountId> account;
  std::optional<std::vector<AccountId>> within;  // only these accounts (those the caller may see)
  std::optional<InboxState> state;
  std::optional<Visibility> visibility;
  bool needs_review = false;
  std::optional<std::string> category;
  std::optional<std::string> language;
  std::optional<UserId> assignee;
  std::optional<Timestamp> from, to;    // created_at in [from, to)
  std::optional<InteractionId> before;  // keyset paging: only smaller ids
  std::int64_t offset = 0;              // or: skip this many (a list that jumps to any row)
  int limit = 100;
  std::size_t excerpt_characters = 280;  // a page lists the start of each text
};

struct InboxPage {
  std::vector<Interaction> items;  // newest first
  std::optional<InteractionId> next_before;
};

struct SyncCursor {
  std::string cursor;
  std::optional<Timestamp> synced_at;
  std::string last_error;
};

struct SavedReply {
  std::int64_t id = 0;
  std::string name, language, text;
  UserId created_by;
  Timestamp created_at;
};

class InteractionRepository {
 public:
  explicit InteractionRepository(Poco::Data::Session& session) : session_(session) {}

  // Stores it unless the account already has it; the new id, or nullopt for
  // a duplicate. Links it to the agency's post it answers, if kanald
  // published that post.
  std::optional<InteractionId> insert(const NewInteraction& interaction, Timestamp when);
  std::optional<Interaction> find(InteractionId id);
  std::optional<Interaction> find_by_network_id(AccountId account, const std::string& network_id);
  InboxPage page(const InboxQuery& query);
  std::int64_t count(const InboxQuery& query);
  // The account's stored items that answer `network_id`, oldest first.
  std::vector<Interaction> replies_to(AccountId account, const std::string& network_id);

  void set_state(InteractionId id, InboxState state);
  void assign(InteractionId id, std::optional<UserId> assignee);
  void record_decision(InteractionId id, const ModerationDecision& decision, bool needs_review);
  // Only while the item is still `expected` (a person may have acted
  // meanwhile); false when it was not. A refusal asks a person to review.
  bool set_visibility(InteractionId id, Visibility visibility, const std::string& network_note, Visibility expected);
  // The account's items still to be hidden on the network, oldest first.
  std::vector<Interaction> pending_hides(AccountId account, int limit);
  // A reply went out: the first answer's time is kept; the item is answered
  // unless it was already done.
  void mark_answered(InteractionId id, Timestamp when);

  // Items with a first answer, or still unanswered, created in [from, to).
  struct AnswerTime {
    AccountId account;
    Timestamp created_at;
    std::optional<Timestamp> first_answer_at;
    bool waiting = true;  // unanswered and still to be answered (not done, not hidden)
  };
  std::vector<AnswerTime> answer_times(Timestamp from, Timestamp to);

  // What the moderation did with the items created in [from, to): how many
  // per account, category and action, and how many of them the network hides.
  struct ModerationCount {
    AccountId account;
    std::string category, action;
    std::int64_t items = 0, hidden = 0;
  };
  std::vector<ModerationCount> moderation_counts(Timestamp from, Timestamp to);

  SyncCursor cursor(AccountId account);
  void set_cursor(AccountId account, const SyncCursor& cursor);

  std::vector<SavedReply> saved_replies();
  SavedReply add_saved_reply(const std::string& name, const std::string& language, const std::string& text, UserId by,
                             Timestamp when);
  bool remove_saved_reply(std::int64_t id);

 private:
  std::vector<Interaction> select(const std::string& columns_text, const std::string& where_and_order,
                                  const std::vector<std::string>& text_keys, const std::vector<Poco::Int64>& keys);

  Poco::Data::Session& session_;
};

}  // namespace kanal::store
