#pragma once
// The contract between kanald and a network plugin (plugin API version 3).
//
// A plugin is a shared library exporting kanal_plugin_info() (see entry.h).
// It describes its network (a NetworkDescriptor) and implements the
// operations below asynchronously: every call returns a Future at once, and
// the outcome is a plain struct or a NetworkError. A plugin keeps no global
// state, never touches the store, and reaches the world only through its
// Host: the HTTP engine, a clock, a log, the workspace's settings for the
// network and a small store of its own.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/future.h"
#include "core/network_descriptor.h"
#include "core/time.h"
#include "net/http_engine.h"

namespace kanal::plugin {

// The contract's version: a plugin for another version is refused. Beside
// it, entry.h carries an ABI id hashed from these headers at build time, so
// a change nobody bumped this for is refused too.
inline constexpr int kPluginApiVersion = 3;

using kanal::Capability;
using kanal::Figure;
using kanal::NetworkDescriptor;
using kanal::SignInMethod;
using enum kanal::Capability;  // plugin::kThreads, as plugins have always written it
using enum kanal::Figure;

// What went wrong, typed so kanald knows what to do next.
enum class FailureKind {
  auth_expired,     // the person must connect the account again; do not retry
  rate_limited,     // wait until reset_at, then retry
  rejected,         // the network refused the content; `reason` says why
  transient,        // not done; safe to retry
  unknown_outcome,  // may or may not have taken effect: resolve before retrying (not before reset_at, if given)
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

// The secrets of one connected account. Their shape is the plugin's own
// (tokens, a page token, a session, DPoP keys): kanald seals `secret` at
// rest and hands it back unread.
struct Credentials {
  std::string secret;
  // When they stop working unless refresh() renews them first (kanald
  // renews ahead of it); nullopt: they do not expire by time.
  std::optional<Timestamp> expires_at;
  bool renewable = false;  // refresh() can renew them (a refresh token, a refresh JWT)
  // The grant they come from, when one grant serves several accounts (a
  // person's Facebook Login gives every page's token): kanald asks the
  // network to revoke it (sign_out) only when the last of them goes. Empty:
  // the credentials are the account's alone.
  std::string grant;
  friend bool operator==(const Credentials&, const Credentials&) = default;
};

// Where and as whom a call acts.
struct Connection {
  std::string server_url;  // the account's server (a Mastodon instance, a Bluesky PDS); may be empty
  std::string account_id;  // the network's id of the account
  Credentials credentials;
};

// The first half of an OAuth 2.0 authorization-code flow with PKCE. The
// browser comes back to `redirect_uri`, which the caller chose: kanald's
// own loopback listener, or a desktop's, which hands code and state on.
struct AuthorizationRequest {
  std::string authorize_url;  // to open in the person's browser
  std::string state;
  std::string redirect_uri;
  std::string pending;  // the plugin's own (code verifier, a registered app), given back to complete_authorization
};

// What a person typed to sign in without a browser.
struct PasswordSignIn {
  std::string server_url;  // may be empty: the plugin finds the server from the handle
  std::string handle;
  std::string password;  // an app password
};

struct Profile {
  std::string network_account_id;
  std::string handle;  // e.g. @agency@social.example
  std::string display_name;
  std::int64_t followers = 0;
};

// One account a sign-in gives access to (a profile, a page, an
// organisation), with what acting as it takes.
struct AccountChoice {
  Profile profile;
  Connection connection;
  std::string kind;  // e.g. "profile", "page": for people
  // The network the account is on: empty for this plugin's own; else a
  // sibling plugin's id, when one sign-in reaches several networks (a
  // Facebook Login gives pages and their Instagram accounts).
  std::string network;
};

// A sign-in may give several accounts; the person picks which to connect.
struct SignedIn {
  std::vector<AccountChoice> accounts;
};

struct Media {
  std::string content;  // the file's bytes
  std::string content_type;
  std::string filename;
  std::string description;  // alt text
};

// A link, mention or hashtag in a text, where kanal::text found it by the
// network's rules: bytes [byte_start, byte_end) of the UTF-8 text.
struct TextEntity {
  enum Kind { link, mention, hashtag };
  Kind kind = link;
  std::size_t byte_start = 0;
  std::size_t byte_end = 0;
  std::string value;  // the link as written, the handle (no @), the tag (no #)
};

struct Part {
  std::string text;
  std::vector<Media> media;
  std::vector<TextEntity> entities;
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
  bool hidden = false;     // hidden on the network (e.g. by the account's threadgate)
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
  std::vector<TextEntity> entities;
  std::string language;
  bool direct = false;  // privately, as an answer to a direct message must be
  std::string idempotency_key;
};

// What can be done about a comment. Where the network cannot hide a reply
// (Mastodon), it offers muting or blocking its author, or a report. Deleting
// a comment (where the descriptor has kDeleteComments) is only ever a
// person's explicit choice, never the moderation policy's.
enum class ModerationAction { hide, unhide, mute_author, block_author, report, delete_comment };

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
  std::optional<std::int64_t> quotes;
};

class Network {
 public:
  virtual ~Network() = default;

  // What the network is in general.
  virtual const NetworkDescriptor& descriptor() const = 0;
  // The rules of one server (a Mastodon instance's character limit); the
  // general descriptor where servers do not differ.
  virtual Future<NetworkDescriptor> describe(const std::string& server_url) = 0;

  // Signing in. A plugin implements the methods its descriptor declares;
  // the others answer `rejected`.
  virtual Future<AuthorizationRequest> begin_authorization(const std::string& server_url,
                                                           const std::string& redirect_uri);
  virtual Future<SignedIn> complete_authorization(const std::string& server_url, const AuthorizationRequest& request,
                                                  const std::string& code);
  virtual Future<SignedIn> sign_in(const PasswordSignIn& request);
  // Given up on the account: revoke its token where the network allows.
  virtual Future<Done> sign_out(const Connection& connection);

  virtual Future<Profile> verify(const Connection& connection) = 0;
  // New credentials; auth_expired when the network refuses (a person must
  // connect the account again).
  virtual Future<Credentials> refresh(const Connection& connection) = 0;

  virtual Future<Published> publish(const Connection& connection, const Publication& publication) = 0;
  virtual Future<Done> remove(const Connection& connection, const std::string& network_id) = 0;
  // After an attempt whose outcome is unknown and older than the
  // descriptor's idempotency window: the posts on the account, made since
  // `since`, that are this publication as sent — each part's text and number
  // of images, a thread in order, under `in_reply_to_id` when it is an
  // answer — oldest first; empty when there is none. Fails unknown_outcome
  // when the network cannot tell (a thread found only in part, or more posts
  // since then than can be read): a person decides.
  virtual Future<std::vector<Published>> find_published(const Connection& connection, const Publication& publication,
                                                        const std::string& in_reply_to_id, Timestamp since);

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

// The workspace's settings for one network, as an admin gave them (and
// `kanald --network-url NETWORK=URL`): the keys its descriptor declares.
struct NetworkSettings {
  std::vector<std::pair<std::string, std::string>> values;
  // The value of `key`, or `fallback` when it is not set or empty.
  std::string get(std::string_view key, std::string fallback = {}) const;
};

enum class LogLevel { debug, information, warning, error };

// What kanald lends a plugin; one Host per plugin.
class Host {
 public:
  virtual ~Host() = default;
  virtual net::HttpEngine& http() = 0;
  virtual const Clock& clock() = 0;
  virtual void log(LogLevel level, std::string_view message) = 0;
  // Read when needed: an admin may change them while kanald runs.
  virtual NetworkSettings settings() = 0;
  // A small store of the plugin's own (a resolved server, a registered app),
  // kept by kanald. Values are short texts; an empty value removes the key.
  virtual std::optional<std::string> load(std::string_view key) = 0;
  virtual void save(std::string_view key, std::string_view value) = 0;
};

// A Future that has already failed: for the operations a network lacks.
template <class T>
Future<T> failed(FailureKind kind, std::string reason) {
  Promise<T> promise;
  promise.set_error(std::make_exception_ptr(NetworkError(kind, std::move(reason))));
  return promise.future();
}

}  // namespace kanal::plugin
