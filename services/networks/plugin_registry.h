#pragma once
// The network plugins kanald loaded at start. A plugin built against another
// plugin API version, or without the entry point, is refused with a clear
// log line; the others load.

#include <Poco/Logger.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kanal/plugin/network.h"

namespace Poco {
class SharedLibrary;
}

namespace kanal::networks {

class PluginRegistry {
 public:
  PluginRegistry(net::HttpEngine& http, Poco::Logger& logger);
  ~PluginRegistry();
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  // Loads every *.so in `dir`; returns how many loaded.
  std::size_t load_directory(const std::filesystem::path& dir);
  // Loads one library; false (and a log line saying why) when refused.
  bool load(const std::filesystem::path& library);

  std::vector<const plugin::NetworkDescription*> descriptions() const;
  // The plugin for a network id, or nullptr.
  plugin::Network* find(const std::string& id) const;

 private:
  struct Loaded;
  net::HttpEngine& http_;
  plugin::Host host_;
  Poco::Logger& logger_;
  std::map<std::string, std::unique_ptr<Loaded>> plugins_;
};

// Where plugins live relative to a program: <bin>/../lib/kanal/plugins.
std::filesystem::path default_plugin_dir(const std::filesystem::path& program);

}  // namespace kanal::networks
