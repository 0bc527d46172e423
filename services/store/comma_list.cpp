#include "store/comma_list.h"

#include <charconv>

namespace kanal::store {

std::string comma_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::vector<std::string> comma_items(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

std::string comma_list(const std::vector<AccountId>& ids) {
  std::vector<std::string> items;
  for (const auto& id : ids) items.push_back(std::to_string(id.value));
  return comma_list(items);
}

std::vector<AccountId> account_ids_in(const std::string& text) {
  std::vector<AccountId> ids;
  for (const auto& item : comma_items(text)) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), id);
    if (ec == std::errc{} && end == item.data() + item.size()) ids.push_back(AccountId{id});
  }
  return ids;
}

}  // namespace kanal::store
