#pragma once
// What kanald keeps for plugins: each network's workspace settings (from
// the database, with `kanald --network-url` over them) and each plugin's
// small store of its own state. Without a database (tests, tools) both
// live in memory.

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "kanal/plugin/network.h"

namespace kanal::store {
class Database;
class SecretBox;
}  // namespace kanal::store

namespace kanal::networks {

class PluginWorkspace {
 public:
  PluginWorkspace() = default;
  PluginWorkspace(store::Database& db, const store::SecretBox& secrets) : db_(&db), secrets_(&secrets) {}

  // A value that wins over the stored one (kanald --network-url NETWORK=URL).
  void override_setting(const std::string& network, const std::string& key, const std::string& value);

  // The settings the network's descriptor declares, as they stand now.
  plugin::NetworkSettings settings(const NetworkDescriptor& network);
  // Stores one setting; a secret one sealed. Error(invalid_input) for a key
  // the network does not declare.
  void set_setting(const NetworkDescriptor& network, const std::string& key, const std::string& value);

  std::optional<std::string> load(const std::string& network, std::string_view key);
  void save(const std::string& network, std::string_view key, std::string_view value);

 private:
  std::optional<std::string> load_named(const std::string& name);
  void save_named(const std::string& name, const std::string& value);

  store::Database* db_ = nullptr;
  const store::SecretBox* secrets_ = nullptr;
  std::mutex mutex_;
  std::map<std::string, std::string> overrides_;  // "network.key" → value
  std::map<std::string, std::string> memory_;     // without a database
};

// One `kanald --network-url` value: "NETWORK=URL" sets the network's server
// ("url"); "NETWORK.KEY=VALUE" another of its settings (bluesky.plc_url=…).
struct NetworkSettingOverride {
  std::string network;
  std::string key;
  std::string value;
};
// Error(invalid_input) when `text` is neither.
NetworkSettingOverride parse_network_url(const std::string& text);

}  // namespace kanal::networks
