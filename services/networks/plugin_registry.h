#pragma once
// The network plugins kanald loaded at start, each with its own Host. A
// plugin built against another plugin API version or other contract
// headers, or without the entry point, is refused with a clear log line;
// the others load.

#include <Poco/Logger.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kanal/plugin/catalog.h"
#include "kanal/plugin/network.h"
#include "networks/plugin_workspace.h"

namespace kanal::networks {

class PluginRegistry {
 public:
  // `workspace` keeps the plugins' settings and state; none: in memory.
  PluginRegistry(net::HttpEngine& http, const Clock& clock, Poco::Logger& logger, PluginWorkspace* workspace = nullptr);
  ~PluginRegistry();
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  // Loads every *.so in `dir`; returns how many loaded.
  std::size_t load_directory(const std::filesystem::path& dir);
  // Loads one library; false (and a log line saying why) when refused.
  bool load(const std::filesystem::path& library);

  std::vector<const NetworkDescriptor*> descriptors() const;
  // The plugin for a network id, or nullptr.
  plugin::Network* find(const std::string& id) const;
  PluginWorkspace& workspace() { return *workspace_; }

 private:
  struct Loaded;
  net::HttpEngine& http_;
  const Clock& clock_;
  Poco::Logger& logger_;
  std::unique_ptr<PluginWorkspace> own_workspace_;
  PluginWorkspace* workspace_;
  std::map<std::string, std::unique_ptr<Loaded>> plugins_;
};

using plugin::default_plugin_dir;

}  // namespace kanal::networks
