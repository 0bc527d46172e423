#include "api/wire/account_ids.h"

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

}  // namespace kanal::wire
