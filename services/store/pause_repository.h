#pragma once
// Crisis pauses: while one holds, nothing is published from the accounts it
// names (or from any account, when it names none). Who paused, why and who
// resumed stay on record.

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

struct Pause {
  std::int64_t id = 0;
  std::vector<AccountId> accounts;  // empty: every account
  std::string reason;
  UserId paused_by;
  Timestamp paused_at;
  std::optional<Role> paused_as;  // the setter's role then (none for a setter since removed)

  bool covers(AccountId account) const;
  bool covers_any(const std::vector<AccountId>& any_of) const;
};

// Whether any of `pauses` holds `account`; the first that does.
const Pause* pause_covering(const std::vector<Pause>& pauses, AccountId account);

class PauseRepository {
 public:
  explicit PauseRepository(Poco::Data::Session& session) : session_(session) {}

  std::int64_t start(const std::vector<AccountId>& accounts, const std::string& reason, UserId by, Timestamp at);
  // Pauses not yet resumed, oldest first.
  std::vector<Pause> active();
  // Returns false when `id` is not an active pause.
  bool resume(std::int64_t id, UserId by, Timestamp at);

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
