#include "store/pause_repository.h"

#include <Poco/Data/Statement.h>

#include <algorithm>

#include "store/comma_list.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {

bool Pause::covers(AccountId account) const {
  return accounts.empty() || std::find(accounts.begin(), accounts.end(), account) != accounts.end();
}

bool Pause::covers_any(const std::vector<AccountId>& any_of) const {
  return std::any_of(any_of.begin(), any_of.end(), [&](AccountId account) { return covers(account); });
}

const Pause* pause_covering(const std::vector<Pause>& pauses, AccountId account) {
  for (const auto& pause : pauses) {
    if (pause.covers(account)) return &pause;
  }
  return nullptr;
}

std::int64_t PauseRepository::start(const std::vector<AccountId>& accounts, const std::string& reason, UserId by,
                                    Timestamp at) {
  std::string ids = comma_list(accounts);
  std::string why = reason;
  Int64 who = by.value;
  Int64 when = to_unix_ms(at);
  Int64 id = 0;
  session_ << "INSERT INTO pauses (account_ids, reason, paused_by, paused_at, paused_by_role) "
              "VALUES ($1, $2, $3, $4, (SELECT role FROM users WHERE id = $3)) RETURNING id",
      use(ids), use(why), use(who), use(when), into(id), now;
  return id;
}

std::vector<Pause> PauseRepository::active() {
  std::vector<Int64> id, by, at;
  std::vector<std::string> accounts, reason, role;
  session_ << "SELECT id, account_ids, reason, paused_by, paused_at, paused_by_role FROM pauses "
              "WHERE resumed_at IS NULL ORDER BY id",
      into(id), into(accounts), into(reason), into(by), into(at), into(role), now;
  std::vector<Pause> pauses;
  for (std::size_t i = 0; i < id.size(); ++i) {
    pauses.push_back(
        Pause{id[i], account_ids_in(accounts[i]), reason[i], UserId{by[i]}, from_unix_ms(at[i]), parse_role(role[i])});
  }
  return pauses;
}

bool PauseRepository::resume(std::int64_t id, UserId by, Timestamp at) {
  Int64 key = id;
  Int64 who = by.value;
  Int64 when = to_unix_ms(at);
  Poco::Data::Statement update(session_);
  update << "UPDATE pauses SET resumed_by = $1, resumed_at = $2 WHERE id = $3 AND resumed_at IS NULL", use(who),
      use(when), use(key);
  return update.execute() > 0;
}

}  // namespace kanal::store
