#pragma once
// The domain objects: users, accounts, posts with variants, images and threads.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/time.h"

namespace kanal {

enum class Role { officer, line_manager, subject_expert, director, admin, records_officer };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct User {
  UserId id;
  std::string login;  // unique; in local mode the OS user name
  std::string display_name;
  Role role = Role::officer;
  Timestamp created_at;
  bool disabled = false;  // may not sign in; kept, as the trail names them
};

// Whether Kanal can act through an account now.
enum class AccountHealth { ok, needs_reauthorization, rate_limited, disconnected };
std::string_view to_string(AccountHealth health);
std::optional<AccountHealth> parse_account_health(std::string_view text);

struct Account {
  AccountId id;
  std::string network;  // plugin id, e.g. "mastodon"
  std::string handle;   // e.g. "@agency@social.example"
  std::string display_name;
  Timestamp created_at;
  std::string instance_url;  // federated networks: the server
  std::string network_account_id;
  AccountHealth health = AccountHealth::ok;
  std::string health_detail;  // why, in the network's words
  std::int64_t followers = 0;
  // The server's own text limits (Mastodon instances set theirs); 0: the
  // network's defaults.
  std::int64_t max_characters = 0;
  std::int64_t characters_per_url = 0;
};

// What one person may do on one account (store/account_permission_repository.h):
// draft, publish, approve, answer, moderate.
struct AccountGrant {
  UserId user;
  std::set<std::string> capabilities;
  friend bool operator==(const AccountGrant&, const AccountGrant&) = default;
};

// A post's life: draft → in_review → approved → scheduled → publishing →
// published | failed; a post sent back is rejected until edited (a draft again).
enum class PostState { draft, in_review, approved, rejected, scheduled, publishing, published, failed };

std::string_view to_string(PostState state);
std::optional<PostState> parse_post_state(std::string_view text);

// The text one target account will carry (may differ from the base text).
struct Variant {
  AccountId account;
  std::string text;
};

// An image kanald holds (uploaded once, attached to posts by id).
struct MediaInfo {
  MediaId id;
  UserId uploader;
  std::string content_type;  // image/png, image/jpeg, image/gif or image/webp
  std::string filename;
  std::int64_t size_bytes = 0;
  std::string sha256;  // hex, of the bytes
  Timestamp created_at;
};

// An image on one part of a post, with the alt text people who cannot see
// it will hear. The description belongs to the post, so changing it is an
// edit of the post.
struct Attachment {
  MediaId media;
  std::string description;
  friend bool operator==(const Attachment&, const Attachment&) = default;
};

// A part after the first of a thread: published as a reply to the one before.
struct ThreadPart {
  std::string text;
  std::vector<Attachment> media;
  friend bool operator==(const ThreadPart&, const ThreadPart&) = default;
};

// Where a post's text came from: a template for an audience segment (the
// approval policy treats an unchanged template text as lower risk).
struct PostOrigin {
  std::string template_id;  // empty: written freely
  std::string segment_id;
  std::string template_text;                  // the text as the template gave it
  std::map<std::string, std::string> fields;  // what the template was filled in with
  friend bool operator==(const PostOrigin&, const PostOrigin&) = default;
};

struct Post {
  PostId id;
  UserId author;
  std::string text;  // the base text
  PostState state = PostState::draft;
  std::int64_t version = 1;  // bumped by every change; optimistic concurrency
  Timestamp created_at;
  Timestamp updated_at;
  std::vector<Variant> variants;
  std::vector<Attachment> media;   // images on the first part
  std::vector<ThreadPart> thread;  // the parts that follow, if it is a thread
  std::string language;            // "sv", "en", … (empty: not said)
  PostOrigin origin;
  bool needs_expert_check = false;  // states rights or entitlements (kanald decides)
  InteractionId reply_to;           // valid: an answer to this inbox item, published as a reply
};

// A post submitted for approval: the exact content and targets the
// approvals are bound to (workflow/review.h), the steps the policy asked
// for, and the decisions taken so far.
enum class ReviewState { pending, approved, sent_back, void_ };
std::string_view to_string(ReviewState state);
std::optional<ReviewState> parse_review_state(std::string_view text);

struct ReviewDecision {
  std::string step;  // "line_manager", "subject_expert", "director"
  UserId decided_by;
  bool approved = false;  // false: sent back
  std::string comment;
  std::string content_hash;  // what the reviewer saw
  Timestamp at;
};

struct Review {
  std::int64_t id = 0;
  PostId post;
  std::string content_hash;
  std::string content;  // the canonical JSON that was hashed
  std::vector<AccountId> targets;
  std::vector<std::string> steps;  // in the order they are taken
  std::string reasons;             // JSON: the policy's decision per target
  UserId submitted_by;
  Timestamp submitted_at;
  ReviewState state = ReviewState::pending;
  std::vector<ReviewDecision> decisions;
};

// One entry of the audit trail (who did what, when, to which object), with
// its seal in the hash chain (store/audit_repository.h).
struct AuditEvent {
  std::int64_t id = 0;
  Timestamp at;
  std::optional<UserId> actor;
  std::string action;       // e.g. "post.create"
  std::string object_type;  // e.g. "post"
  std::int64_t object_id = 0;
  std::string detail;    // JSON with what changed (a post event holds the post's whole content)
  std::int64_t seq = 0;  // place in the chain (1, 2, …); 0 until sealed
  std::string prev_hash;
  std::string hash;
};

// The chain's head at a moment, signed with a key that is not in the
// database (store/audit_anchor.h): kept outside, it shows whether the chain
// up to `seq` is still the one that was.
struct AuditAnchor {
  std::int64_t seq = 0;
  std::string hash;  // of event `seq`
  Timestamp event_at;
  Timestamp anchored_at;
  std::string public_key;  // Ed25519, hex
  std::string signature;   // hex
};

struct AuditChainCheck {
  bool intact = true;
  std::int64_t events = 0;        // how many were checked
  std::int64_t anchored_seq = 0;  // the anchor the chain was checked against, when one was given
  // The first broken link, when not intact.
  std::int64_t broken_id = 0;
  std::int64_t broken_seq = 0;
  std::string reason;
};

// The hash the chain starts from.
inline constexpr const char* kAuditGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace kanal
