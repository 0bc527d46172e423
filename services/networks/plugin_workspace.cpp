#include "networks/plugin_workspace.h"

#include <algorithm>

#include "core/error.h"
#include "store/database.h"
#include "store/secret_box.h"
#include "store/setting_repository.h"

namespace kanal::networks {
namespace {

// Settings and state share the workspace's settings table, by prefix.
std::string setting_name(const std::string& network, std::string_view key) {
  return "network." + network + "." + std::string(key);
}
std::string state_name(const std::string& network, std::string_view key) {
  return "plugin." + network + "." + std::string(key);
}

}  // namespace

void PluginWorkspace::override_setting(const std::string& network, const std::string& key, const std::string& value) {
  std::lock_guard lock(mutex_);
  overrides_[setting_name(network, key)] = value;
}

plugin::NetworkSettings PluginWorkspace::settings(const NetworkDescriptor& network) {
  plugin::NetworkSettings settings;
  for (const auto& declared : network.settings) {
    const auto name = setting_name(network.id, declared.key);
    std::optional<std::string> value;
    {
      std::lock_guard lock(mutex_);
      if (auto it = overrides_.find(name); it != overrides_.end()) value = it->second;
    }
    if (!value) value = load_named(name);
    if (value && declared.secret && secrets_ != nullptr && !value->empty()) value = secrets_->open(*value);
    settings.values.emplace_back(declared.key, value.value_or(declared.default_value));
  }
  return settings;
}

void PluginWorkspace::set_setting(const NetworkDescriptor& network, const std::string& key, const std::string& value) {
  const auto declared = std::find_if(network.settings.begin(), network.settings.end(),
                                     [&](const NetworkSetting& setting) { return setting.key == key; });
  if (declared == network.settings.end()) {
    throw Error(ErrorCode::invalid_input, network.display_name + " has no setting '" + key + "'", "key");
  }
  const bool seal = declared->secret && secrets_ != nullptr && !value.empty();
  save_named(setting_name(network.id, key), seal ? secrets_->seal(value) : value);
}

std::optional<std::string> PluginWorkspace::load(const std::string& network, std::string_view key) {
  auto value = load_named(state_name(network, key));
  if (value && value->empty()) return std::nullopt;
  return value;
}

void PluginWorkspace::save(const std::string& network, std::string_view key, std::string_view value) {
  save_named(state_name(network, key), std::string(value));
}

std::optional<std::string> PluginWorkspace::load_named(const std::string& name) {
  if (db_ == nullptr) {
    std::lock_guard lock(mutex_);
    auto it = memory_.find(name);
    return it == memory_.end() ? std::nullopt : std::optional(it->second);
  }
  return db_->read([&](Poco::Data::Session& session) { return store::SettingRepository(session).get(name); });
}

void PluginWorkspace::save_named(const std::string& name, const std::string& value) {
  if (db_ == nullptr) {
    std::lock_guard lock(mutex_);
    memory_[name] = value;
    return;
  }
  db_->transact([&](Poco::Data::Session& session) {
    store::SettingRepository(session).set(name, value);
    return true;
  });
}

NetworkSettingOverride parse_network_url(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    throw Error(ErrorCode::invalid_input,
                "--network-url takes NETWORK=URL or NETWORK.SETTING=VALUE, e.g. bluesky=http://127.0.0.1:2583",
                "network_url");
  }
  const auto name = text.substr(0, equals);
  const auto dot = name.find('.');
  if (dot == 0 || dot + 1 == name.size()) {
    throw Error(ErrorCode::invalid_input, "'" + name + "' is not NETWORK or NETWORK.SETTING", "network_url");
  }
  if (dot == std::string::npos) return {name, "url", text.substr(equals + 1)};
  return {name.substr(0, dot), name.substr(dot + 1), text.substr(equals + 1)};
}

}  // namespace kanal::networks
