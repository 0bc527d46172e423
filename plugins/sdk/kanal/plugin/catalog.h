#pragma once
// Opening plugin libraries, host side: the version handshake in one place
// for kanald (which creates the networks) and kanalctl (which only reads
// their descriptors to count a text without kanald).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kanal/plugin/entry.h"

namespace Poco {
class SharedLibrary;
}

namespace kanal::plugin {

// A library that passed the handshake. It stays mapped for the program's
// life: a future may still hold code from it.
struct OpenedPlugin {
  std::filesystem::path path;
  std::shared_ptr<Poco::SharedLibrary> library;
  const KanalPluginInfo* info = nullptr;
};

struct OpenResult {
  std::optional<OpenedPlugin> plugin;
  std::string refusal;  // why it was refused, for the log, when `plugin` is empty
};

// Opens `library` and checks its entry point, API version and ABI id.
OpenResult open_plugin(const std::filesystem::path& library);

// The *.so files in `dir`, sorted; empty when it is not a directory.
std::vector<std::filesystem::path> plugin_libraries(const std::filesystem::path& dir);

// Where plugins live relative to a program: <bin>/../lib/kanal/plugins.
std::filesystem::path default_plugin_dir(const std::filesystem::path& program);

// The descriptors of the plugins in `dir` that pass the handshake.
std::vector<NetworkDescriptor> read_descriptors(const std::filesystem::path& dir);

}  // namespace kanal::plugin
