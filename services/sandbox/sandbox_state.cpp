#include "sandbox/sandbox_state.h"

#include <algorithm>

#include "net/oauth_pkce.h"

namespace kanal::sandbox {

SandboxState::SandboxState(std::size_t max_characters, int accounts) : max_characters_(max_characters) {
  accounts_.push_back({"1", "kanal_demo", "Kanal demo agency", 1200});
  for (int i = 2; i <= accounts; ++i) {
    accounts_.push_back(
        {std::to_string(i), "kanal_demo" + std::to_string(i), "Kanal demo office " + std::to_string(i), 100});
  }
}

const SandboxAccount& SandboxState::next_account_to_authorize() {
  const auto& account = accounts_[next_to_authorize_ % accounts_.size()];
  ++next_to_authorize_;
  return account;
}

SandboxAccount* SandboxState::account(const std::string& id) {
  for (auto& candidate : accounts_) {
    if (candidate.id == id) return &candidate;
  }
  return nullptr;
}

App& SandboxState::register_app(std::string name, std::string redirect_uri, std::string scopes) {
  App app{net::random_token(24), net::random_token(32), std::move(name), std::move(redirect_uri), std::move(scopes)};
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

std::string SandboxState::issue_token(const std::string& account_id) {
  auto token = net::random_token(32);
  tokens_[token] = account_id;
  return token;
}

SandboxAccount* SandboxState::account_for_token(const std::string& token) {
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return nullptr;
  return account(it->second);
}

Status* SandboxState::status(const std::string& id) {
  for (auto& status : statuses_) {
    if (status.id == id && !status.deleted) return &status;
  }
  return nullptr;
}

Status* SandboxState::status_by_key(const std::string& account_id, const std::string& key) {
  if (key.empty()) return nullptr;
  for (auto& status : statuses_) {
    if (status.account_id == account_id && status.idempotency_key == key) return &status;
  }
  return nullptr;
}

Status& SandboxState::add_status(Status status) {
  status.id = next_id();
  statuses_.push_back(std::move(status));
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

void SandboxState::reset() {
  statuses_.clear();
  media_.clear();
  requests_.clear();
}

}  // namespace kanal::sandbox
