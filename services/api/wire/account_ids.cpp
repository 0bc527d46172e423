#include "api/wire/account_ids.h"

#include <algorithm>

#include "core/error.h"

namespace kanal::wire {

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
