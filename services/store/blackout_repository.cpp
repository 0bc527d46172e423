#include "store/blackout_repository.h"

#include <algorithm>

#include "store/comma_list.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {

bool Blackout::holds(AccountId account, Timestamp at) const {
  const bool names_account = accounts.empty() || std::find(accounts.begin(), accounts.end(), account) != accounts.end();
  return names_account && starts_at <= at && at < ends_at;
}

const Blackout* blackout_holding(const std::vector<Blackout>& blackouts, AccountId account, Timestamp at) {
  for (const auto& blackout : blackouts) {
    if (blackout.holds(account, at)) return &blackout;
  }
  return nullptr;
}

std::int64_t BlackoutRepository::add(const Blackout& blackout) {
  std::string name = blackout.name;
  Int64 starts_at = to_unix_ms(blackout.starts_at);
  Int64 ends_at = to_unix_ms(blackout.ends_at);
  std::string starts = blackout.starts;
  std::string ends = blackout.ends;
  std::string zone = blackout.zone;
  std::string accounts = comma_list(blackout.accounts);
  Int64 by = blackout.created_by.value;
  Int64 at = to_unix_ms(blackout.created_at);
  Int64 id = 0;
  session_ << "INSERT INTO blackouts (name, starts_at, ends_at, starts, ends, zone, account_ids, created_by, "
              "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      use(name), use(starts_at), use(ends_at), use(starts), use(ends), use(zone), use(accounts), use(by), use(at),
      into(id), now;
  return id;
}

std::vector<Blackout> BlackoutRepository::select(const std::string& where, Int64 key) {
  std::vector<Int64> id, starts_at, ends_at, by, at;
  std::vector<std::string> name, starts, ends, zone, accounts;
  session_ << "SELECT id, name, starts_at, ends_at, starts, ends, zone, account_ids, created_by, created_at "
              "FROM blackouts WHERE " +
                  where + " ORDER BY starts_at, id",
      into(id), into(name), into(starts_at), into(ends_at), into(starts), into(ends), into(zone), into(accounts),
      into(by), into(at), use(key), now;
  std::vector<Blackout> found;
  for (std::size_t i = 0; i < id.size(); ++i) {
    found.push_back(Blackout{id[i], name[i], from_unix_ms(starts_at[i]), from_unix_ms(ends_at[i]), starts[i], ends[i],
                             zone[i], account_ids_in(accounts[i]), UserId{by[i]}, from_unix_ms(at[i])});
  }
  return found;
}

std::vector<Blackout> BlackoutRepository::all() { return select("id >= $1", 0); }

std::optional<Blackout> BlackoutRepository::find(std::int64_t id) {
  auto found = select("id = $1", id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

void BlackoutRepository::remove(std::int64_t id) {
  Int64 key = id;
  session_ << "DELETE FROM blackouts WHERE id = $1", use(key), now;
}

}  // namespace kanal::store
