#include <Poco/SharedLibrary.h>

#include <algorithm>

#include "kanal/plugin/catalog.h"

namespace kanal::plugin {

OpenResult open_plugin(const std::filesystem::path& path) {
  OpenResult result;
  std::shared_ptr<Poco::SharedLibrary> library;
  try {
    library = std::make_shared<Poco::SharedLibrary>(path.string());
  } catch (const Poco::Exception& e) {
    result.refusal = "cannot load it: " + e.displayText();
    return result;
  }
  if (!library->hasSymbol("kanal_plugin_info")) {
    result.refusal = "it has no kanal_plugin_info entry point";
    return result;
  }
  using InfoFunction = const KanalPluginInfo* (*)();
  const auto* info = reinterpret_cast<InfoFunction>(library->getSymbol("kanal_plugin_info"))();
  // api_version is the first member in every version: safe to read first.
  if (info == nullptr || info->api_version != kPluginApiVersion) {
    result.refusal = "built for plugin API version " + std::to_string(info == nullptr ? -1 : info->api_version) +
                     ", Kanal speaks version " + std::to_string(kPluginApiVersion);
    return result;
  }
  if (info->abi_id == nullptr || std::string(info->abi_id) != kPluginAbiId) {
    result.refusal = "built against other plugin headers (ABI " +
                     std::string(info->abi_id == nullptr ? "none" : info->abi_id) + ", Kanal's is " + kPluginAbiId +
                     "): rebuild it with this Kanal's SDK";
    return result;
  }
  if (info->id == nullptr || info->descriptor == nullptr || info->create == nullptr || info->destroy == nullptr) {
    result.refusal = "its entry point is incomplete";
    return result;
  }
  result.plugin = OpenedPlugin{path, std::move(library), info};
  return result;
}

std::vector<std::filesystem::path> plugin_libraries(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> libraries;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return libraries;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".so") libraries.push_back(entry.path());
  }
  std::sort(libraries.begin(), libraries.end());
  return libraries;
}

std::filesystem::path default_plugin_dir(const std::filesystem::path& program) {
  return program.parent_path().parent_path() / "lib" / "kanal" / "plugins";
}

std::vector<NetworkDescriptor> read_descriptors(const std::filesystem::path& dir) {
  std::vector<NetworkDescriptor> descriptors;
  for (const auto& library : plugin_libraries(dir)) {
    auto opened = open_plugin(library);
    if (opened.plugin) descriptors.push_back(*opened.plugin->info->descriptor());
  }
  return descriptors;
}

}  // namespace kanal::plugin
