#include "networks/plugin_registry.h"

#include <Poco/SharedLibrary.h>

#include <algorithm>
#include <chrono>

#include "kanal/plugin/entry.h"

namespace kanal::networks {

struct PluginRegistry::Loaded {
  std::unique_ptr<Poco::SharedLibrary> library;
  const KanalPluginInfo* info = nullptr;
  plugin::Network* network = nullptr;

  ~Loaded() {
    if (network != nullptr) info->destroy(network);
    // The library stays mapped: a future may still hold code from it.
  }
};

PluginRegistry::PluginRegistry(net::HttpEngine& http, Poco::Logger& logger)
    : http_(http), host_{http}, logger_(logger) {}

PluginRegistry::~PluginRegistry() = default;

std::size_t PluginRegistry::load_directory(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    logger_.warning("no plugin directory at %s: no networks available", dir.string());
    return 0;
  }
  std::vector<std::filesystem::path> libraries;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".so") libraries.push_back(entry.path());
  }
  std::sort(libraries.begin(), libraries.end());
  std::size_t loaded = 0;
  for (const auto& library : libraries) loaded += load(library) ? 1 : 0;
  return loaded;
}

bool PluginRegistry::load(const std::filesystem::path& path) {
  const auto started = std::chrono::steady_clock::now();
  auto loaded = std::make_unique<Loaded>();
  try {
    loaded->library = std::make_unique<Poco::SharedLibrary>(path.string());
  } catch (const Poco::Exception& e) {
    logger_.error("plugin %s refused: cannot load it: %s", path.string(), e.displayText());
    return false;
  }
  if (!loaded->library->hasSymbol("kanal_plugin_info")) {
    logger_.error("plugin %s refused: it has no kanal_plugin_info entry point", path.string());
    return false;
  }
  using InfoFunction = const KanalPluginInfo* (*)();
  auto info_function = reinterpret_cast<InfoFunction>(loaded->library->getSymbol("kanal_plugin_info"));
  loaded->info = info_function();
  if (loaded->info == nullptr || loaded->info->api_version != plugin::kPluginApiVersion) {
    logger_.error("plugin %s refused: built for plugin API version %d, kanald speaks version %d", path.string(),
                  loaded->info == nullptr ? -1 : loaded->info->api_version, plugin::kPluginApiVersion);
    return false;
  }
  const std::string id = loaded->info->id;
  if (plugins_.count(id) != 0) {
    logger_.error("plugin %s refused: a plugin for network '%s' is already loaded", path.string(), id);
    return false;
  }
  loaded->network = loaded->info->create(&host_);
  const auto elapsed_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  logger_.information("plugin %s loaded: %s (%s) in %d µs", path.filename().string(), id,
                      loaded->network->description().display_name, static_cast<int>(elapsed_us));
  plugins_.emplace(id, std::move(loaded));
  return true;
}

std::vector<const plugin::NetworkDescription*> PluginRegistry::descriptions() const {
  std::vector<const plugin::NetworkDescription*> all;
  for (const auto& [id, loaded] : plugins_) all.push_back(&loaded->network->description());
  return all;
}

plugin::Network* PluginRegistry::find(const std::string& id) const {
  auto it = plugins_.find(id);
  return it == plugins_.end() ? nullptr : it->second->network;
}

std::filesystem::path default_plugin_dir(const std::filesystem::path& program) {
  return program.parent_path().parent_path() / "lib" / "kanal" / "plugins";
}

}  // namespace kanal::networks
