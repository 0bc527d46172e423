#pragma once
// Where the workspace's key (which seals platform credentials) is kept: in
// the OS keyring when the session has one, else in an owner-only key file in
// the workspace. A workspace keeps the place its key was first put: a key in
// the keyring leaves a marker file, so a later start without a keyring is
// refused with an explanation rather than given a new key that cannot open
// the credentials stored before.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "store/secret_box.h"

namespace kanal::store {

enum class KeyStore {
  automatic,  // the keyring if there is one, else a key file
  keyring,    // the keyring, or refuse to start
  file,       // a key file (unattended servers: no keyring to unlock at 06:00)
};
std::optional<KeyStore> parse_key_store(std::string_view text);

struct WorkspaceKey {
  SecretBox box;
  std::string location;  // for the log: "the OS keyring" or the file
};

// Throws kanal::Error(unavailable) with what to do when the key cannot be had.
WorkspaceKey open_workspace_key(const std::filesystem::path& data_dir, KeyStore preference);

}  // namespace kanal::store
