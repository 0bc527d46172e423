#include "networks/plugin_registry.h"

#include <chrono>

namespace kanal::networks {
namespace {

// What one plugin is lent: everything goes through here, named after it.
class PluginHost final : public plugin::Host {
 public:
  PluginHost(std::string network, net::HttpEngine& http, const Clock& clock, Poco::Logger& logger,
             PluginWorkspace& workspace)
      : network_(std::move(network)), http_(http), clock_(clock), logger_(logger), workspace_(workspace) {}

  void attach(const NetworkDescriptor& descriptor) { descriptor_ = &descriptor; }

  net::HttpEngine& http() override { return http_; }
  const Clock& clock() override { return clock_; }
  void log(plugin::LogLevel level, std::string_view message) override {
    const std::string line = network_ + ": " + std::string(message);
    switch (level) {
      case plugin::LogLevel::debug: logger_.debug(line); break;
      case plugin::LogLevel::information: logger_.information(line); break;
      case plugin::LogLevel::warning: logger_.warning(line); break;
      case plugin::LogLevel::error: logger_.error(line); break;
    }
  }
  plugin::NetworkSettings settings() override {
    if (descriptor_ == nullptr) return {};
    if (descriptor_->settings_of.empty()) return workspace_.settings(*descriptor_);
    auto shared = *descriptor_;  // the same keys, stored under the network that owns them
    shared.id = descriptor_->settings_of;
    return workspace_.settings(shared);
  }
  std::optional<std::string> load(std::string_view key) override { return workspace_.load(network_, key); }
  void save(std::string_view key, std::string_view value) override { workspace_.save(network_, key, value); }

 private:
  std::string network_;
  net::HttpEngine& http_;
  const Clock& clock_;
  Poco::Logger& logger_;
  PluginWorkspace& workspace_;
  const NetworkDescriptor* descriptor_ = nullptr;
};

}  // namespace

struct PluginRegistry::Loaded {
  plugin::OpenedPlugin opened;
  std::unique_ptr<PluginHost> host;
  plugin::Network* network = nullptr;

  ~Loaded() {
    if (network != nullptr) opened.info->destroy(network);
  }
};

PluginRegistry::PluginRegistry(net::HttpEngine& http, const Clock& clock, Poco::Logger& logger,
                               PluginWorkspace* workspace)
    : http_(http),
      clock_(clock),
      logger_(logger),
      own_workspace_(workspace == nullptr ? std::make_unique<PluginWorkspace>() : nullptr),
      workspace_(workspace == nullptr ? own_workspace_.get() : workspace) {}

PluginRegistry::~PluginRegistry() = default;

std::size_t PluginRegistry::load_directory(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    logger_.warning("no plugin directory at %s: no networks available", dir.string());
    return 0;
  }
  std::size_t loaded = 0;
  for (const auto& library : plugin::plugin_libraries(dir)) loaded += load(library) ? 1 : 0;
  return loaded;
}

bool PluginRegistry::load(const std::filesystem::path& path) {
  const auto started = std::chrono::steady_clock::now();
  auto opened = plugin::open_plugin(path);
  if (!opened.plugin) {
    logger_.error("plugin %s refused: %s", path.string(), opened.refusal);
    return false;
  }
  auto loaded = std::make_unique<Loaded>();
  loaded->opened = std::move(*opened.plugin);
  const std::string id = loaded->opened.info->id;
  if (plugins_.count(id) != 0) {
    logger_.error("plugin %s refused: a plugin for network '%s' is already loaded", path.string(), id);
    return false;
  }
  loaded->host = std::make_unique<PluginHost>(id, http_, clock_, logger_, *workspace_);
  loaded->network = loaded->opened.info->create(loaded->host.get());
  loaded->host->attach(loaded->network->descriptor());
  const auto elapsed_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  logger_.information("plugin %s loaded: %s (%s) in %d µs", path.filename().string(), id,
                      loaded->network->descriptor().display_name, static_cast<int>(elapsed_us));
  plugins_.emplace(id, std::move(loaded));
  return true;
}

std::vector<const NetworkDescriptor*> PluginRegistry::descriptors() const {
  std::vector<const NetworkDescriptor*> all;
  for (const auto& [id, loaded] : plugins_) all.push_back(&loaded->network->descriptor());
  return all;
}

plugin::Network* PluginRegistry::find(const std::string& id) const {
  auto it = plugins_.find(id);
  return it == plugins_.end() ? nullptr : it->second->network;
}

}  // namespace kanal::networks
