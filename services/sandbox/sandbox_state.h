#pragma once
// The sandbox network's world, in memory: registered apps, pending
// authorisations, access tokens, accounts, statuses, media, and the record of
// every request. Thread-safe; one mutex, since a training network is small.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
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
};

struct Status {
  std::string id, account_id, text, visibility, language, in_reply_to_id, idempotency_key;
  std::vector<std::string> media_ids;
  Timestamp created_at;
  std::int64_t favourites = 0, reblogs = 0, replies = 0;
  bool deleted = false;
};

struct MediaItem {
  std::string id, account_id, description, content_type;
  std::size_t bytes = 0;
  Timestamp ready_at;  // processing finishes then
};

struct RecordedRequest {
  Timestamp at;
  std::string method, path, idempotency_key;
  int status = 0;
};

class SandboxState {
 public:
  // `accounts` demo accounts exist; each authorisation signs in as the next
  // one in turn (one account unless a benchmark wants many).
  SandboxState(std::size_t max_characters, int accounts = 1);

  std::size_t max_characters() const { return max_characters_; }
  std::mutex& mutex() { return mutex_; }

  // Everything below: call with mutex() held.
  App& register_app(std::string name, std::string redirect_uri, std::string scopes);
  const App* app(const std::string& client_id) const;
  std::string issue_code(PendingCode pending);
  std::optional<PendingCode> redeem_code(const std::string& code);
  std::string issue_token(const std::string& account_id);
  // The account a bearer token acts as, or nullptr.
  SandboxAccount* account_for_token(const std::string& token);
  SandboxAccount& demo_account() { return accounts_.front(); }
  // The account the next authorisation signs in as.
  const SandboxAccount& next_account_to_authorize();
  SandboxAccount* account(const std::string& id);
  void revoke_tokens() { tokens_.clear(); }

  Status* status(const std::string& id);
  // The status created earlier with this key by this account, if any.
  Status* status_by_key(const std::string& account_id, const std::string& key);
  Status& add_status(Status status);
  MediaItem& add_media(MediaItem item);
  MediaItem* media(const std::string& id);

  void record(RecordedRequest request) { requests_.push_back(std::move(request)); }
  const std::vector<RecordedRequest>& requests() const { return requests_; }
  const std::vector<Status>& statuses() const { return statuses_; }
  void reset();

 private:
  std::string next_id() { return std::to_string(++last_id_); }

  mutable std::mutex mutex_;
  std::size_t max_characters_;
  std::int64_t last_id_ = 110'000'000'000'000'000;  // Mastodon ids are large snowflakes, as strings
  std::map<std::string, App> apps_;
  std::map<std::string, PendingCode> codes_;
  std::map<std::string, std::string> tokens_;  // token → account id
  std::vector<SandboxAccount> accounts_;
  std::size_t next_to_authorize_ = 0;
  std::vector<Status> statuses_;
  std::vector<MediaItem> media_;
  std::vector<RecordedRequest> requests_;
};

}  // namespace kanal::sandbox
