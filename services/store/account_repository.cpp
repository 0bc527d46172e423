#include "store/account_repository.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include <Poco/Data/Statement.h>

#include "core/error.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {

Account AccountRepository::create(const Account& account, Timestamp when) {
  std::string network = account.network;
  std::string handle = account.handle;
  std::string name = account.display_name;
  std::string instance = account.instance_url;
  Int64 at = to_unix_ms(when);
  Int64 id = 0;
  session_ << "INSERT INTO accounts (network, handle, display_name, created_at, instance_url) "
              "VALUES ($1, $2, $3, $4, $5) RETURNING id",
      use(network), use(handle), use(name), use(at), use(instance), into(id), now;
  auto created = find(AccountId{id});
  if (!created) throw Error(ErrorCode::internal, "an account just created could not be read back");
  return *created;
}

namespace {

// Servers compared as people write them: scheme and host in any case, a
// trailing slash or not.
std::string comparable_server(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  std::transform(url.begin(), url.end(), url.begin(), [](unsigned char c) { return std::tolower(c); });
  return url;
}

}  // namespace

Account AccountRepository::connect(const Account& account, const std::string& sealed_credentials, Timestamp when) {
  std::string network = account.network;
  std::string handle = account.handle;
  std::string network_id = account.network_account_id;
  std::vector<Int64> ids;
  std::vector<std::string> handles, servers, network_ids, health;
  session_ << "SELECT id, handle, instance_url, network_account_id, health FROM accounts "
              "WHERE network = $1 AND (handle = $2 OR network_account_id = $3)",
      use(network), use(handle), use(network_id), into(ids), into(handles), into(servers), into(network_ids),
      into(health), now;
  // The same account is the same id on the same server, whatever its handle
  // is now. A handle alone names nothing: a server may answer with any.
  std::optional<Int64> same;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (comparable_server(servers[i]) != comparable_server(account.instance_url)) continue;
    const bool same_id = !network_id.empty() && network_ids[i] == network_id;
    if (same_id || ((network_ids[i].empty() || network_id.empty()) && handles[i] == handle)) same = ids[i];
  }
  // Another account holding the handle: a disconnected one gives it up (its
  // posts and trail stay under a name that says so); a connected one is
  // refused, for a person to disconnect first.
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (handles[i] != handle || (same && ids[i] == *same)) continue;
    if (health[i] != to_string(AccountHealth::disconnected)) {
      throw Error(ErrorCode::invalid_input,
                  "the account " + handle +
                      " that is connected already is another one (another server or another "
                      "account on " +
                      network + "); disconnect it before connecting this one",
                  "handle");
    }
    std::string former = handles[i] + " (disconnected, account " + std::to_string(ids[i]) + ")";
    Int64 key = ids[i];
    session_ << "UPDATE accounts SET handle = $1 WHERE id = $2", use(former), use(key), now;
  }
  Int64 id = same ? *same : create(account, when).id.value;
  std::string name = account.display_name;
  std::string instance = account.instance_url;
  std::string sealed = sealed_credentials;
  Int64 followers = account.followers;
  Int64 max_characters = account.max_characters;
  Int64 per_url = account.characters_per_url;
  session_ << "UPDATE accounts SET display_name = $1, instance_url = $2, network_account_id = $3, credentials = $4, "
              "health = 'ok', health_detail = '', followers = $5, max_characters = $6, characters_per_url = $7, "
              "handle = $8 WHERE id = $9",
      use(name), use(instance), use(network_id), use(sealed), use(followers), use(max_characters), use(per_url),
      use(handle), use(id), now;
  return *find(AccountId{id});
}

std::optional<Account> AccountRepository::find(AccountId id) {
  auto rows = select("WHERE id = $1", id.value);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Account> AccountRepository::list() { return select("WHERE id > $1", 0); }

std::optional<std::string> AccountRepository::sealed_credentials(AccountId id) {
  Int64 key = id.value;
  std::vector<Poco::Nullable<std::string>> sealed;
  session_ << "SELECT credentials FROM accounts WHERE id = $1", use(key), into(sealed), now;
  if (sealed.empty() || sealed.front().isNull()) return std::nullopt;
  return sealed.front().value();
}

void AccountRepository::set_health(AccountId id, AccountHealth health, const std::string& detail) {
  Int64 key = id.value;
  std::string name{to_string(health)};
  std::string why = detail;
  session_ << "UPDATE accounts SET health = $1, health_detail = $2 WHERE id = $3", use(name), use(why), use(key), now;
}

void AccountRepository::set_followers(AccountId id, std::int64_t followers) {
  Int64 key = id.value;
  Int64 count = followers;
  session_ << "UPDATE accounts SET followers = $1 WHERE id = $2", use(count), use(key), now;
}

bool AccountRepository::replace_credentials(AccountId id, const std::string& renewed_from,
                                            const std::string& sealed_credentials) {
  Int64 key = id.value;
  std::string sealed = sealed_credentials;
  std::string previous = renewed_from;
  Poco::Data::Statement update(session_);
  update << "UPDATE accounts SET credentials = $1 WHERE id = $2 AND credentials = $3", use(sealed), use(key),
      use(previous);
  return update.execute() == 1;
}

void AccountRepository::disconnect(AccountId id) {
  Int64 key = id.value;
  session_ << "UPDATE accounts SET credentials = NULL, health = 'disconnected', health_detail = '' WHERE id = $1",
      use(key), now;
}

std::vector<Account> AccountRepository::select(const std::string& where, Int64 key) {
  std::vector<Int64> id, created, followers, max_characters, per_url;
  std::vector<std::string> network, handle, name, instance, network_id, health, detail;
  session_ << "SELECT id, network, handle, display_name, created_at, instance_url, network_account_id, health, "
              "health_detail, followers, max_characters, characters_per_url FROM accounts " +
                  where + " ORDER BY id",
      into(id), into(network), into(handle), into(name), into(created), into(instance), into(network_id), into(health),
      into(detail), into(followers), into(max_characters), into(per_url), use(key), now;
  std::vector<Account> accounts;
  for (std::size_t i = 0; i < id.size(); ++i) {
    Account account;
    account.id = AccountId{id[i]};
    account.network = network[i];
    account.handle = handle[i];
    account.display_name = name[i];
    account.created_at = from_unix_ms(created[i]);
    account.instance_url = instance[i];
    account.network_account_id = network_id[i];
    account.health = parse_account_health(health[i]).value_or(AccountHealth::ok);
    account.health_detail = detail[i];
    account.followers = followers[i];
    account.max_characters = max_characters[i];
    account.characters_per_url = per_url[i];
    accounts.push_back(std::move(account));
  }
  return accounts;
}

}  // namespace kanal::store
