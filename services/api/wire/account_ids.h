#pragma once
// A list of account ids in a JSON message, written and read the same way
// by every message that carries one.

#include <vector>

#include "core/ids.h"
#include "core/json.h"

namespace kanal::wire {

void write_account_ids(json::JsonWriter& w, const char* key, const std::vector<AccountId>& ids);
// Absent: empty. Anything but positive integers: Error malformed_json naming the field.
std::vector<AccountId> read_account_ids(json::ObjectReader& reader, const char* key);

// The accounts a request acts on: at least one, each once (Error invalid_input).
std::vector<AccountId> read_target_accounts(json::ObjectReader& reader);

}  // namespace kanal::wire
