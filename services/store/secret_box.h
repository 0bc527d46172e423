#pragma once
// Platform credentials are encrypted at rest (libsodium secretbox,
// XSalsa20-Poly1305). The key lives in a file readable only by its owner;
// an OS keyring (libsecret) can hold it instead once desktop sessions need it.

#include <array>
#include <filesystem>
#include <string>

namespace kanal::store {

class SecretBox {
 public:
  // Reads the key file, creating it (random, mode 0600) if absent.
  static SecretBox from_key_file(const std::filesystem::path& path);
  ~SecretBox();

  // base64(nonce ‖ ciphertext); a fresh nonce every time.
  std::string seal(const std::string& plaintext) const;
  // Throws kanal::Error(internal) when the text was not sealed with this key.
  std::string open(const std::string& sealed) const;

  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;
  SecretBox(SecretBox&& other) noexcept;
  SecretBox& operator=(SecretBox&&) = delete;

 private:
  SecretBox() = default;
  std::array<unsigned char, 32> key_{};
};

}  // namespace kanal::store
