#include "api/wire/account_ids.h"

#include <algorithm>
#include <limits>

#include "core/error.h"

namespace kanal::wire {
namespace {
constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
}

void write_account(json::JsonWriter& w, const Account& account) {
  w.StartObject();
  w.Key("id");
  w.Int64(account.id.value);
  json::write_string(w, "network", account.network);
  json::write_string(w, "handle", account.handle);
  json::write_string(w, "display_name", account.display_name);
  json::write_string(w, "instance_url", account.instance_url);
  json::write_string(w, "health", to_string(account.health));
  json::write_string(w, "health_detail", account.health_detail);
  w.Key("followers");
  w.Int64(account.followers);
  w.Key("max_characters");
  w.Int64(account.max_characters);
  w.Key("characters_per_url");
  w.Int64(account.characters_per_url);
  json::write_string(w, "created_at", to_iso8601(account.created_at));
  w.EndObject();
}

Account read_account(const rapidjson::Value& value, const std::string& path) {
  json::ObjectReader reader(value, path);
  Account account;
  account.id = AccountId{reader.required_int("id", 1, kMaxId)};
  account.network = reader.required_string("network", 64);
  account.handle = reader.required_string("handle", 512);
  account.display_name = reader.optional_string("display_name", 512).value_or("");
  account.instance_url = reader.optional_string("instance_url", 2048).value_or("");
  account.health =
      parse_account_health(reader.optional_string("health", 64).value_or("ok")).value_or(AccountHealth::ok);
  account.health_detail = reader.optional_string("health_detail", 4096).value_or("");
  account.followers = reader.optional_int("followers", 0, kMaxId).value_or(0);
  account.max_characters = reader.optional_int("max_characters", 0, kMaxId).value_or(0);
  account.characters_per_url = reader.optional_int("characters_per_url", 0, kMaxId).value_or(0);
  if (auto created = reader.optional_string("created_at", 64)) {
    account.created_at = parse_iso8601(*created).value_or(Timestamp{});
  }
  return account;
}

void write_account_ids(json::JsonWriter& w, const char* key, const std::vector<AccountId>& ids) {
  w.Key(key);
  w.StartArray();
  for (const auto& id : ids) w.Int64(id.value);
  w.EndArray();
}

std::vector<AccountId> read_account_ids(json::ObjectReader& reader, const char* key) {
  std::vector<AccountId> ids;
  if (const auto* array = reader.optional_array(key)) {
    for (const auto& item : array->GetArray()) {
      if (!item.IsInt64() || item.GetInt64() < 1) {
        throw Error(ErrorCode::malformed_json, reader.field(key) + " holds account ids", reader.field(key));
      }
      ids.push_back(AccountId{item.GetInt64()});
    }
  }
  return ids;
}

std::vector<AccountId> read_target_accounts(json::ObjectReader& reader) {
  const auto* ids = reader.optional_array("account_ids");
  if (ids == nullptr || ids->Empty()) {
    throw Error(ErrorCode::invalid_input, "account_ids must name at least one account", "account_ids");
  }
  std::vector<AccountId> accounts;
  for (const auto& id : ids->GetArray()) {
    if (!id.IsInt64() || id.GetInt64() < 1) {
      throw Error(ErrorCode::invalid_input, "account_ids must be positive integers", "account_ids");
    }
    const AccountId account{id.GetInt64()};
    if (std::find(accounts.begin(), accounts.end(), account) != accounts.end()) {
      throw Error(ErrorCode::invalid_input, "account " + std::to_string(account.value) + " is named twice",
                  "account_ids");
    }
    accounts.push_back(account);
  }
  return accounts;
}

}  // namespace kanal::wire
