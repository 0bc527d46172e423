#pragma once
// What holds publishing back, read in the caller's transaction: crisis
// pauses (store/pause_repository.h), blackout windows
// (store/blackout_repository.h), and how late a scheduled post may still go
// out after kanald was down (the catch-up setting).

#include <Poco/Data/Session.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "core/domain.h"
#include "store/blackout_repository.h"
#include "store/pause_repository.h"

namespace kanal::publishing {

struct PublishingSettings {
  // A scheduled post found due later than this (kanald was down) is held
  // for a person to decide, never sent in a burst of old posts. Never less
  // than a minute: a restart of a few seconds holds nothing.
  std::chrono::minutes catch_up{15};
};
PublishingSettings publishing_settings(Poco::Data::Session& session);
void save_publishing_settings(Poco::Data::Session& session, const PublishingSettings& settings);

// The pauses and blackouts in force at one moment.
class HoldBacks {
 public:
  static HoldBacks at(Poco::Data::Session& session, Timestamp at);

  // Why `account` may not publish now ("publishing is paused by … : reason"); empty if it may.
  std::string why(AccountId account) const;
  const store::Pause* pause_of(AccountId account) const;
  // Whether a pause holds any of `accounts`.
  bool pauses_any(const std::vector<AccountId>& accounts) const;
  bool holds_everything() const;
  // Accounts held back (meaningful when not holds_everything()).
  std::set<std::int64_t> accounts() const;

  const std::vector<store::Pause>& pauses() const { return pauses_; }

 private:
  Timestamp at_;
  std::vector<store::Pause> pauses_;
  std::vector<store::Blackout> blackouts_;
};

// Throws Error(held_back) naming the first account held back, and why.
void require_not_held_back(const HoldBacks& holds, const std::vector<AccountId>& accounts);

// The blackout window (if any) that holds one of `accounts` at `at`, in words; empty if none.
std::string blackout_note(Poco::Data::Session& session, const std::vector<AccountId>& accounts, Timestamp at);

}  // namespace kanal::publishing
