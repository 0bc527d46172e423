#include "store/workspace_key.h"

#include "core/error.h"
#include "core/paths.h"
#include "store/keyring.h"

namespace kanal::store {

std::optional<KeyStore> parse_key_store(std::string_view text) {
  if (text == "auto") return KeyStore::automatic;
  if (text == "keyring") return KeyStore::keyring;
  if (text == "file") return KeyStore::file;
  return std::nullopt;
}

WorkspaceKey open_workspace_key(const std::filesystem::path& data_dir, KeyStore preference) {
  const auto key_file = data_dir / "secret.key";
  const auto marker = data_dir / "secret.key.in-keyring";
  if (std::filesystem::exists(key_file) || preference == KeyStore::file) {
    return WorkspaceKey{SecretBox::from_key_file(key_file), key_file.string()};
  }
  const auto workspace = std::filesystem::weakly_canonical(data_dir).string();
  try {
    if (auto text = keyring::lookup(workspace)) return WorkspaceKey{SecretBox::from_text(*text), "the OS keyring"};
    if (std::filesystem::exists(marker)) {
      throw Error(ErrorCode::unavailable,
                  "the keyring no longer holds this workspace's key, so the stored account credentials cannot be "
                  "read. Restore the keyring, or remove " +
                      marker.string() + " and connect the accounts again.");
    }
    auto box = SecretBox::generate();
    keyring::store(workspace, "Kanal workspace key (" + workspace + ")", box.to_text());
    write_private_file(marker, "The key that seals this workspace's account credentials is in the OS keyring.\n");
    return WorkspaceKey{std::move(box), "the OS keyring"};
  } catch (const keyring::Unavailable& e) {
    if (std::filesystem::exists(marker) || preference == KeyStore::keyring) {
      throw Error(ErrorCode::unavailable,
                  std::string("this workspace's key is kept in the OS keyring, which cannot be reached (") + e.what() +
                      "). Start kanald in a desktop session with the keyring unlocked; on an unattended server "
                      "create the workspace with --key-store file.");
    }
    return WorkspaceKey{SecretBox::from_key_file(key_file), key_file.string() + " (no OS keyring: " + e.what() + ")"};
  }
}

}  // namespace kanal::store
