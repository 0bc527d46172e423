#pragma once
// The contract between kanald and a network plugin.
//
// A plugin is a shared library exporting kanal_plugin_info() (see entry.h).
// It describes its network and implements the operations below
// asynchronously: every call returns a Future at once, and the outcome is a
// plain struct or a NetworkError. A plugin keeps no global state, never
// touches the store, and reaches the network only through the host's
// HttpEngine.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/future.h"
#include "core/time.h"
#include "net/http_engine.h"

namespace kanal::plugin {

// Bumped on every change to this file or entry.h: kanald loads only plugins
// built against the same version.
inline constexpr int kPluginApiVersion = 2;

enum Capability : unsigned {
  kThreads = 1u << 0,
  kMedia = 1u << 1,
  kAltText = 1u << 2,
  kHideReplies = 1u << 3,  // can hide a reply on the account's own post
  kMetrics = 1u << 4,
  kDirectMessages = 1u << 5,
  kMuteBlockReport = 1u << 6,  // what a network without hiding offers instead
};

enum class AuthMethod { oauth_pkce, app_password };

struct TextRules {
  std::size_t max_characters = 0;
  std::size_t characters_per_url = 0;  // 0: URLs count as written
  bool mention_counts_local_part_only = false;
};

struct MediaRules {
  std::size_t max_attachments = 0;
  std::uint64_t max_image_bytes = 0;
  std::size_t max_description_characters = 0;
};

struct NetworkDescription {
  std::string id;  // e.g. "mastodon"
  std::string display_name;
  unsigned capabilities = 0;
  AuthMethod auth = AuthMethod::oauth_pkce;
  bool needs_instance_url = false;  // federated: the user names the server
  bool idempotent_publish = false;  // the same idempotency key never posts twice (safe to resend)
  TextRules text;
  MediaRules media;

  bool has(Capability capability) const { return (capabilities & capability) != 0; }
};

// What went wrong, typed so the publisher knows what to do next.
enum class FailureKind {
  auth_expired,     // re-authorise the account; do not retry
  rate_limited,     // wait until reset_at, then retry
  rejected,         // the network refused the content; `reason` says why
  transient,        // not done; safe to retry
  unknown_outcome,  // may or may not have taken effect: resolve before retrying
};

std::string_view to_string(FailureKind kind);

class NetworkError : public std::runtime_error {
 public:
  NetworkError(FailureKind kind, std::string reason, std::optional<Timestamp> reset_at = std::nullopt)
      : std::runtime_error(reason), kind_(kind), reason_(std::move(reason)), reset_at_(reset_at) {}
  FailureKind kind() const noexcept { return kind_; }
  const std::string& reason() const noexcept { return reason_; }
  const std::optional<Timestamp>& reset_at() const noexcept { return reset_at_; }

 private:
  FailureKind kind_;
  std::string reason_;
  std::optional<Timestamp> reset_at_;
};

// The secrets of one connected account; kanald stores them encrypted.
struct Credentials {
  std::string access_token;
  std::string refresh_token;
  std::optional<Timestamp> expires_at;
  std::string client_id;  // the app registered on the instance, where there is one
  std::string client_secret;
};

// Where and as whom a call acts.
struct Connection {
  std::string instance_url;  // e.g. https://social.example (federated networks)
  Credentials credentials;
};

// The first half of an OAuth 2.0 authorization-code flow with PKCE.
struct AuthorizationRequest {
  std::string authorize_url;  // to open in the user's browser
  std::string state;
  std::string code_verifier;
  std::string redirect_uri;
  Credentials app;  // client id and secret, when the plugin registered an app
};

struct Profile {
  std::string network_account_id;
  std::string handle;  // e.g. @agency@social.example
  std::string display_name;
  std::int64_t followers = 0;
};

struct Media {
  std::string content;  // the file's bytes
  std::string content_type;
  std::string filename;
  std::string description;  // alt text
};

struct Part {
  std::string text;
  std::vector<Media> media;
};

struct Publication {
  std::vector<Part> parts;      // one part, or a thread
  std::string language;         // ISO 639-1, may be empty
  std::string idempotency_key;  // the same key never posts twice
};

struct Published {
  std::string network_id;  // of the first part
  std::string url;
  std::vector<std::string> part_ids;
};

// Someone on the network, as an interaction names them.
struct Person {
  std::string network_account_id;
  std::string handle;  // e.g. @anna@social.example
  std::string display_name;
};

enum class InteractionKind { reply, mention, direct_message };

// A comment, reply, mention or direct message addressed to the account.
struct Interaction {
  std::string network_id;
  InteractionKind kind = InteractionKind::mention;
  Person author;
  std::string text;      // plain text (markup removed)
  std::string language;  // ISO 639-1 as the network tells it; may be empty
  Timestamp created_at;
  std::string in_reply_to_id;  // what it answers, if anything
  std::string url;
  bool truncated = false;  // the text was longer than Kanal keeps (kMaxInteractionText) and was cut
};

// Longer than any network allows a comment to be; anything beyond is abuse.
inline constexpr std::size_t kMaxInteractionText = 100'000;

// One batch of what arrived after `cursor`, oldest first. `next_cursor`
// goes back in the next call; `more` says another batch is waiting now.
struct InteractionPage {
  std::vector<Interaction> items;
  std::string next_cursor;
  bool more = false;
  std::vector<std::string> unreadable;  // why items the network sent could not be read (they are skipped)
};

// A conversation around one post or comment, oldest first.
struct Thread {
  std::vector<Interaction> ancestors;
  std::vector<Interaction> descendants;
};

struct ReplyRequest {
  std::string in_reply_to_id;
  std::string to_handle;  // the person answered, so the network tells them
  std::string text;
  std::string language;
  bool direct = false;  // privately, as an answer to a direct message must be
  std::string idempotency_key;
};

// What can be done about a comment. Where the network cannot hide a reply
// (Mastodon), it offers muting or blocking its author, or a report.
enum class ModerationAction { hide, unhide, mute_author, block_author, report };

struct ModerationRequest {
  ModerationAction action = ModerationAction::hide;
  std::string interaction_id;  // the comment
  std::string author_id;       // its author's network_account_id
  std::string reason;          // for a report: the comment sent to the moderators
};

// A figure the network does not give is nullopt ("not available"), never 0.
struct AccountMetrics {
  std::optional<std::int64_t> followers;
  std::optional<std::int64_t> following;
  std::optional<std::int64_t> posts;
};

struct PostMetrics {
  std::string network_id;
  bool exists = true;  // false: the post is gone from the network
  std::optional<std::int64_t> likes;
  std::optional<std::int64_t> shares;
  std::optional<std::int64_t> replies;
  std::optional<std::int64_t> impressions;
};

class Network {
 public:
  virtual ~Network() = default;

  // What the network is in general.
  virtual const NetworkDescription& description() const = 0;
  // The rules of one server (e.g. a Mastodon instance's character limit).
  virtual Future<NetworkDescription> describe(const std::string& instance_url) = 0;

  virtual Future<AuthorizationRequest> begin_authorization(const std::string& instance_url,
                                                           const std::string& redirect_uri) = 0;
  virtual Future<Credentials> complete_authorization(const std::string& instance_url,
                                                     const AuthorizationRequest& request, const std::string& code) = 0;
  virtual Future<Profile> verify(const Connection& connection) = 0;
  // New credentials from the refresh token; auth_expired when there is none
  // or the network refuses it (a person must connect the account again).
  virtual Future<Credentials> refresh(const Connection& connection) = 0;

  virtual Future<Published> publish(const Connection& connection, const Publication& publication) = 0;
  virtual Future<Done> remove(const Connection& connection, const std::string& network_id) = 0;

  // Comments, replies, mentions and direct messages after `cursor` (empty:
  // from what the network still keeps).
  virtual Future<InteractionPage> fetch_interactions(const Connection& connection, const std::string& cursor) = 0;
  virtual Future<Thread> fetch_thread(const Connection& connection, const std::string& network_id) = 0;
  virtual Future<Published> reply(const Connection& connection, const ReplyRequest& reply) = 0;
  // rejected when the network does not offer the action.
  virtual Future<Done> moderate(const Connection& connection, const ModerationRequest& request) = 0;

  virtual Future<AccountMetrics> account_metrics(const Connection& connection) = 0;
  virtual Future<std::vector<PostMetrics>> post_metrics(const Connection& connection,
                                                        const std::vector<std::string>& network_ids) = 0;
};

// What kanald lends a plugin.
struct Host {
  net::HttpEngine& http;
};

}  // namespace kanal::plugin
