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

}  // namespace kanal::wire
