#include "sandbox/sandbox_state.h"

#include <algorithm>

#include "net/oauth_pkce.h"

namespace kanal::sandbox {

bool id_less(const std::string& a, const std::string& b) { return a.size() != b.size() ? a.size() < b.size() : a < b; }

SandboxState::SandboxState(std::size_t max_characters, int accounts, TokenOptions tokens)
    : max_characters_(max_characters), token_options_(tokens) {
  accounts_.push_back({"1", "kanal_demo", "Kanal demo agency", 1200, 40, false, "", {}, {}});
  for (int i = 2; i <= accounts; ++i) {
    accounts_.push_back({std::to_string(i),
                         "kanal_demo" + std::to_string(i),
                         "Kanal demo office " + std::to_string(i),
                         100,
                         10,
                         false,
                         "",
                         {},
                         {}});
  }
  agency_accounts_ = accounts_.size();
}

const SandboxAccount& SandboxState::next_account_to_authorize() {
  const auto& account = accounts_[next_to_authorize_ % agency_accounts_];
  ++next_to_authorize_;
  return account;
}

SandboxAccount* SandboxState::account(const std::string& id) {
  for (auto& candidate : accounts_) {
    if (candidate.id == id) return &candidate;
  }
  return nullptr;
}

SandboxAccount* SandboxState::account_named(const std::string& username) {
  for (auto& candidate : accounts_) {
    if (candidate.username == username) return &candidate;
  }
  return nullptr;
}

SandboxAccount& SandboxState::add_citizen(std::string username, std::string display_name, std::string language) {
  SandboxAccount citizen;
  citizen.id = std::to_string(1000 + accounts_.size());
  citizen.username = std::move(username);
  citizen.display_name = std::move(display_name);
  citizen.citizen = true;
  citizen.language = std::move(language);
  accounts_.push_back(std::move(citizen));
  return accounts_.back();
}

std::vector<SandboxAccount*> SandboxState::agency_accounts() {
  std::vector<SandboxAccount*> agency;
  for (std::size_t i = 0; i < agency_accounts_; ++i) agency.push_back(&accounts_[i]);
  return agency;
}

std::vector<SandboxAccount*> SandboxState::citizens() {
  std::vector<SandboxAccount*> people;
  for (std::size_t i = agency_accounts_; i < accounts_.size(); ++i) people.push_back(&accounts_[i]);
  return people;
}

App& SandboxState::register_app(std::string name, std::string redirect_uri, std::string scopes) {
  App app{net::random_token(24), net::random_token(32), std::move(name), std::move(redirect_uri), std::move(scopes)};
  issued_secrets_.push_back(app.client_secret);
  return apps_[app.client_id] = std::move(app);
}

const App* SandboxState::app(const std::string& client_id) const {
  auto it = apps_.find(client_id);
  return it == apps_.end() ? nullptr : &it->second;
}

std::string SandboxState::issue_code(PendingCode pending) {
  auto code = net::random_token(24);
  codes_[code] = std::move(pending);
  return code;
}

std::optional<PendingCode> SandboxState::redeem_code(const std::string& code) {
  auto it = codes_.find(code);
  if (it == codes_.end()) return std::nullopt;
  auto pending = std::move(it->second);
  codes_.erase(it);  // a code is good once
  return pending;
}

SandboxState::IssuedToken SandboxState::issue_token(const std::string& account_id) {
  IssuedToken issued;
  issued.access_token = net::random_token(32);
  Token token{account_id, std::nullopt};
  if (token_options_.lifetime_s > 0) {
    token.expires_at = SystemClock{}.now() + std::chrono::seconds(token_options_.lifetime_s);
    issued.expires_in_s = token_options_.lifetime_s;
    issued.refresh_token = net::random_token(32);
    refresh_tokens_[issued.refresh_token] = account_id;
  }
  tokens_[issued.access_token] = std::move(token);
  issued_secrets_.push_back(issued.access_token);
  if (!issued.refresh_token.empty()) issued_secrets_.push_back(issued.refresh_token);
  return issued;
}

std::optional<SandboxState::IssuedToken> SandboxState::refresh(const std::string& refresh_token) {
  auto it = refresh_tokens_.find(refresh_token);
  if (it == refresh_tokens_.end()) return std::nullopt;
  const auto account_id = it->second;
  refresh_tokens_.erase(it);
  return issue_token(account_id);
}

SandboxAccount* SandboxState::account_for_token(const std::string& token) {
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return nullptr;
  if (it->second.expires_at && *it->second.expires_at <= SystemClock{}.now()) return nullptr;
  return account(it->second.account_id);
}

void SandboxState::revoke_tokens() {
  tokens_.clear();
  refresh_tokens_.clear();
}

void SandboxState::revoke_token(const std::string& token) { tokens_.erase(token); }

Status* SandboxState::status(const std::string& id) {
  auto it = status_by_id_.find(id);
  return it == status_by_id_.end() || it->second->deleted ? nullptr : it->second;
}

Status* SandboxState::status_by_key(const std::string& account_id, const std::string& key) {
  if (key.empty()) return nullptr;
  const auto now = SystemClock{}.now();
  for (auto& status : statuses_) {
    if (status.account_id == account_id && status.idempotency_key == key &&
        now - status.created_at < idempotency_window_) {
      return &status;
    }
  }
  return nullptr;
}

Status& SandboxState::add_status(Status status) {
  status.id = next_id();
  statuses_.push_back(std::move(status));
  status_by_id_[statuses_.back().id] = &statuses_.back();
  return statuses_.back();
}

MediaItem& SandboxState::add_media(MediaItem item) {
  item.id = next_id();
  media_.push_back(std::move(item));
  return media_.back();
}

MediaItem* SandboxState::media(const std::string& id) {
  for (auto& item : media_) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

Notification& SandboxState::notify(Notification notification) {
  notification.id = next_id();
  notifications_.push_back(std::move(notification));
  return notifications_.back();
}

std::vector<const Notification*> SandboxState::notifications_for(const std::string& account_id) const {
  std::vector<const Notification*> found;
  const SandboxAccount* owner = nullptr;
  for (const auto& candidate : accounts_) {
    if (candidate.id == account_id) owner = &candidate;
  }
  if (owner == nullptr) return found;
  for (const auto& notification : notifications_) {
    if (notification.account_id != account_id) continue;
    if (owner->muted.count(notification.from_account_id) || owner->blocked.count(notification.from_account_id)) {
      continue;
    }
    found.push_back(&notification);
  }
  return found;
}

Report& SandboxState::add_report(Report report) {
  report.id = next_id();
  reports_.push_back(std::move(report));
  return reports_.back();
}

void SandboxState::reset() {
  statuses_.clear();
  status_by_id_.clear();
  media_.clear();
  notifications_.clear();
  reports_.clear();
  requests_.clear();
}

}  // namespace kanal::sandbox
