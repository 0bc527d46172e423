#include "publishing/controls.h"

#include <algorithm>

#include "core/error.h"
#include "store/setting_repository.h"

namespace kanal::publishing {
namespace {

constexpr const char* kCatchUp = "catch_up_minutes";

std::string blackout_words(const store::Blackout& blackout) {
  return "the blackout window \u201c" + blackout.name + "\u201d (" + blackout.starts + " to " + blackout.ends + " " +
         blackout.zone + ")";
}

}  // namespace

PublishingSettings publishing_settings(Poco::Data::Session& session) {
  PublishingSettings settings;
  if (auto minutes = store::SettingRepository(session).get(kCatchUp)) {
    settings.catch_up = std::chrono::minutes(std::stoll(*minutes));
  }
  return settings;
}

void save_publishing_settings(Poco::Data::Session& session, const PublishingSettings& settings) {
  store::SettingRepository(session).set(kCatchUp, std::to_string(settings.catch_up.count()));
}

HoldBacks HoldBacks::at(Poco::Data::Session& session, Timestamp at) {
  HoldBacks holds;
  holds.at_ = at;
  holds.pauses_ = store::PauseRepository(session).active();
  for (auto& blackout : store::BlackoutRepository(session).all()) {
    if (blackout.starts_at <= at && at < blackout.ends_at) holds.blackouts_.push_back(std::move(blackout));
  }
  return holds;
}

const store::Pause* HoldBacks::pause_of(AccountId account) const { return store::pause_covering(pauses_, account); }

bool HoldBacks::pauses_any(const std::vector<AccountId>& accounts) const {
  return std::any_of(accounts.begin(), accounts.end(), [&](AccountId account) { return pause_of(account) != nullptr; });
}

std::string HoldBacks::why(AccountId account) const {
  if (const auto* pause = pause_of(account)) return "publishing is paused: " + pause->reason;
  if (const auto* blackout = store::blackout_holding(blackouts_, account, at_)) {
    return "the account is in " + blackout_words(*blackout);
  }
  return {};
}

bool HoldBacks::holds_everything() const {
  for (const auto& pause : pauses_) {
    if (pause.accounts.empty()) return true;
  }
  for (const auto& blackout : blackouts_) {
    if (blackout.accounts.empty()) return true;
  }
  return false;
}

std::set<std::int64_t> HoldBacks::accounts() const {
  std::set<std::int64_t> held;
  for (const auto& pause : pauses_) {
    for (const auto account : pause.accounts) held.insert(account.value);
  }
  for (const auto& blackout : blackouts_) {
    for (const auto account : blackout.accounts) held.insert(account.value);
  }
  return held;
}

void require_not_held_back(const HoldBacks& holds, const std::vector<AccountId>& accounts) {
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const auto why = holds.why(accounts[i]);
    if (!why.empty()) {
      throw Error(ErrorCode::held_back, "account " + std::to_string(accounts[i].value) + ": " + why,
                  "account_ids[" + std::to_string(i) + "]");
    }
  }
}

std::string blackout_note(Poco::Data::Session& session, const std::vector<AccountId>& accounts, Timestamp at) {
  const auto blackouts = store::BlackoutRepository(session).all();
  for (const auto account : accounts) {
    if (const auto* blackout = store::blackout_holding(blackouts, account, at)) {
      return "account " + std::to_string(account.value) + " is in " + blackout_words(*blackout) +
             " then: the post will be held";
    }
  }
  return {};
}

}  // namespace kanal::publishing
