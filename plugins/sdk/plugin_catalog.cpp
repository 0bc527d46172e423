#include <Poco/SharedLibrary.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <optional>

#include "kanal/plugin/catalog.h"

namespace kanal::plugin {
namespace {

// Code that someone else could have put there never runs in kanald: the
// library and its folder belong to root or to the user running Kanal, and
// nobody else may write to them.
std::optional<std::string> unsafe_place(const std::filesystem::path& path) {
  for (const auto& place : {path, path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path()}) {
    struct stat info {};
    if (::stat(place.c_str(), &info) != 0) return "cannot read the rights of " + place.string();
    if (info.st_uid != 0 && info.st_uid != ::geteuid()) {
      return place.string() + " belongs to another user (uid " + std::to_string(info.st_uid) + ")";
    }
    if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
      return place.string() + " may be written by others than its owner (chmod go-w)";
    }
  }
  return std::nullopt;
}

}  // namespace

OpenResult open_plugin(const std::filesystem::path& path) {
  OpenResult result;
  if (auto unsafe = unsafe_place(path)) {
    result.refusal = "not loaded from an unsafe place: " + *unsafe;
    return result;
  }
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
