#pragma once
// Blackout windows: periods in which chosen accounts (or all) do not
// publish — a pre-election period, a day of national mourning. Stored as
// UTC instants [starts_at, ends_at) with the wall-clock times and zone a
// person named.

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

struct Blackout {
  std::int64_t id = 0;
  std::string name;
  Timestamp starts_at, ends_at;
  std::string starts, ends, zone;   // "2026-09-01T00:00" in zone
  std::vector<AccountId> accounts;  // empty: every account
  UserId created_by;
  Timestamp created_at;

  bool holds(AccountId account, Timestamp at) const;
};

// The first blackout in `blackouts` that holds `account` at `at`.
const Blackout* blackout_holding(const std::vector<Blackout>& blackouts, AccountId account, Timestamp at);

class BlackoutRepository {
 public:
  explicit BlackoutRepository(Poco::Data::Session& session) : session_(session) {}

  std::int64_t add(const Blackout& blackout);
  // All windows, by start.
  std::vector<Blackout> all();
  std::optional<Blackout> find(std::int64_t id);
  void remove(std::int64_t id);

 private:
  std::vector<Blackout> select(const std::string& where, Poco::Int64 key);
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
