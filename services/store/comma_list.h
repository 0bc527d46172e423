#pragma once
// Short lists kept in one TEXT column as "a,b,c": steps, capabilities,
// account ids. The items never contain commas.

#include <string>
#include <vector>

#include "core/ids.h"

namespace kanal::store {

std::string comma_list(const std::vector<std::string>& items);
std::vector<std::string> comma_items(const std::string& text);

std::string comma_list(const std::vector<AccountId>& ids);
std::vector<AccountId> account_ids_in(const std::string& text);

}  // namespace kanal::store
