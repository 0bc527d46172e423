#include "store/setting_repository.h"

#include <vector>

using namespace Poco::Data::Keywords;

namespace kanal::store {

std::optional<std::string> SettingRepository::get(const std::string& name) {
  std::string key = name;
  std::vector<std::string> value;
  session_ << "SELECT value FROM settings WHERE name = $1", into(value), use(key), now;
  if (value.empty()) return std::nullopt;
  return value.front();
}

void SettingRepository::set(const std::string& name, const std::string& value) {
  std::string key = name;
  std::string text = value;
  session_ << "DELETE FROM settings WHERE name = $1", use(key), now;
  session_ << "INSERT INTO settings (name, value) VALUES ($1, $2)", use(key), use(text), now;
}

}  // namespace kanal::store
