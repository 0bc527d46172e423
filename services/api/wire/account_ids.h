#pragma once
// Accounts and lists of account ids in JSON messages, written and read the
// same way by every message that carries them.

#include <vector>

#include "core/domain.h"
#include "core/ids.h"
#include "core/json.h"

namespace kanal::wire {

void write_account(json::JsonWriter& w, const Account& account);
Account read_account(const rapidjson::Value& value, const std::string& path);

void write_account_ids(json::JsonWriter& w, const char* key, const std::vector<AccountId>& ids);
// Absent: empty. Anything but positive integers: Error malformed_json naming the field.
std::vector<AccountId> read_account_ids(json::ObjectReader& reader, const char* key);

// The accounts a request acts on: at least one, each once (Error invalid_input).
std::vector<AccountId> read_target_accounts(json::ObjectReader& reader);

}  // namespace kanal::wire
