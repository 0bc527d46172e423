#pragma once
// The sandbox network's world, in memory: registered apps, pending
// authorisations, access tokens, the agency's accounts and its audience,
// statuses, media, notifications, mutes, blocks and reports, and the record
// of every request. Thread-safe; one mutex, since a training network is small.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/time.h"

namespace kanal::sandbox {

struct App {
  std::string client_id, client_secret, name, redirect_uri, scopes;
};

struct PendingCode {
  std::string client_id, redirect_uri, code_challenge, scopes;
  std::string account_id;
};

struct SandboxAccount {
  std::string id, username, display_name;
  std::int64_t followers = 0;
  std::int64_t following = 0;
  bool citizen = false;                  // one of the simulated audience, not an agency account
  std::string language;                  // a citizen writes mostly in this language
  std::set<std::string> muted, blocked;  // by this account
};

struct Status {
  std::string id, account_id, text, visibility, language, in_reply_to_id, idempotency_key;
  std::string in_reply_to_account_id;
  std::vector<std::string> media_ids;
  std::vector<std::string> mentions;  // account ids
  Timestamp created_at;
  std::int64_t favourites = 0, reblogs = 0, replies = 0;
  std::string corpus_kind;  // for audience statuses: what the corpus says it is
  bool deleted = false;
  bool hidden = false;  // a reply its post's author hid (the sandbox's extension)
};

struct MediaItem {
  std::string id, account_id, description, content_type;
  std::size_t bytes = 0;
  Timestamp ready_at;  // processing finishes then
};

// What an account is told about: "mention" (with a status), "favourite",
// "reblog" (with the status), "follow".
struct Notification {
  std::string id, type, account_id, from_account_id, status_id;
  Timestamp created_at;
};

struct Report {
  std::string id, account_id, target_account_id, comment, category;
  std::vector<std::string> status_ids;
};

struct RecordedRequest {
  Timestamp at;
  std::string method, path, idempotency_key;
  int status = 0;
};

struct TokenOptions {
  // 0: tokens never expire (Mastodon's default). Otherwise tokens come with
  // expires_in and a refresh token.
  std::int64_t lifetime_s = 0;
};

class SandboxState {
 public:
  // `accounts` agency accounts exist; each authorisation signs in as the
  // next one in turn (one account unless a benchmark wants many).
  SandboxState(std::size_t max_characters, int accounts = 1, TokenOptions tokens = {});

  std::size_t max_characters() const { return max_characters_; }
  // Kanal's extensions of Mastodon's API (hiding replies); off: a plain Mastodon server.
  void set_extensions(bool on) { extensions_ = on; }
  bool extensions() const { return extensions_; }
  // Counts (e.g. "favourites_count") the server stops giving, as networks
  // sometimes do; the entities leave them out.
  void set_withheld_counts(std::set<std::string> names) { withheld_counts_ = std::move(names); }
  bool gives_count(const std::string& name) const { return withheld_counts_.count(name) == 0; }
  std::mutex& mutex() { return mutex_; }
  // How long an Idempotency-Key is remembered (Mastodon: an hour).
  void set_idempotency_window(std::chrono::seconds window) { idempotency_window_ = window; }

  // Everything below: call with mutex() held.
  App& register_app(std::string name, std::string redirect_uri, std::string scopes);
  const App* app(const std::string& client_id) const;
  std::string issue_code(PendingCode pending);
  std::optional<PendingCode> redeem_code(const std::string& code);

  struct IssuedToken {
    std::string access_token, refresh_token;
    std::optional<std::int64_t> expires_in_s;
  };
  IssuedToken issue_token(const std::string& account_id);
  // A refresh token is good once; nullopt when unknown or used.
  std::optional<IssuedToken> refresh(const std::string& refresh_token);
  // The account a valid, unexpired bearer token acts as, or nullptr.
  SandboxAccount* account_for_token(const std::string& token);
  void revoke_tokens();
  // One access token, as POST /oauth/revoke (RFC 7009) ends it.
  void revoke_token(const std::string& token);
  // Every access and refresh token ever issued (tests prove none is stored in the clear).
  const std::vector<std::string>& issued_secrets() const { return issued_secrets_; }

  SandboxAccount& demo_account() { return accounts_.front(); }
  // The account the next authorisation signs in as.
  const SandboxAccount& next_account_to_authorize();
  SandboxAccount* account(const std::string& id);
  SandboxAccount* account_named(const std::string& username);
  SandboxAccount& add_citizen(std::string username, std::string display_name, std::string language);
  std::vector<SandboxAccount*> agency_accounts();
  std::vector<SandboxAccount*> citizens();

  Status* status(const std::string& id);
  // The status created earlier with this key by this account, if any.
  Status* status_by_key(const std::string& account_id, const std::string& key);
  Status& add_status(Status status);
  const std::deque<Status>& statuses() const { return statuses_; }
  std::deque<Status>& statuses() { return statuses_; }
  MediaItem& add_media(MediaItem item);
  MediaItem* media(const std::string& id);

  Notification& notify(Notification notification);
  // An account's notifications, oldest first, without those from accounts it muted or blocked.
  std::vector<const Notification*> notifications_for(const std::string& account_id) const;
  Report& add_report(Report report);
  const std::vector<Report>& reports() const { return reports_; }

  void record(RecordedRequest request) { requests_.push_back(std::move(request)); }
  const std::vector<RecordedRequest>& requests() const { return requests_; }
  void reset();

 private:
  std::string next_id() { return std::to_string(++last_id_); }

  struct Token {
    std::string account_id;
    std::optional<Timestamp> expires_at;
  };

  mutable std::mutex mutex_;
  std::size_t max_characters_;
  std::chrono::seconds idempotency_window_{std::chrono::hours(1)};
  std::set<std::string> withheld_counts_;
  bool extensions_ = true;
  TokenOptions token_options_;
  std::int64_t last_id_ = 110'000'000'000'000'000;  // Mastodon ids are large snowflakes, as strings
  std::map<std::string, App> apps_;
  std::map<std::string, PendingCode> codes_;
  std::map<std::string, Token> tokens_;
  std::map<std::string, std::string> refresh_tokens_;  // refresh token → account id
  std::vector<std::string> issued_secrets_;
  std::deque<SandboxAccount> accounts_;  // a deque: pointers stay valid as citizens join
  std::size_t agency_accounts_ = 0;
  std::size_t next_to_authorize_ = 0;
  std::deque<Status> statuses_;
  std::map<std::string, Status*> status_by_id_;
  std::vector<MediaItem> media_;
  std::vector<Notification> notifications_;
  std::vector<Report> reports_;
  std::vector<RecordedRequest> requests_;
};

// Mastodon ids are numbers as strings: compares them as numbers.
bool id_less(const std::string& a, const std::string& b);

}  // namespace kanal::sandbox
