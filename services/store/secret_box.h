#pragma once
// Platform credentials are encrypted at rest (libsodium secretbox,
// XSalsa20-Poly1305) with the workspace's key, which lives in the OS keyring
// or in a file readable only by its owner (see workspace_key.h).

#include <array>
#include <filesystem>
#include <string>

namespace kanal::store {

class SecretBox {
 public:
  // Reads the key file, creating it (random, mode 0600) if absent.
  static SecretBox from_key_file(const std::filesystem::path& path);
  // A new random key.
  static SecretBox generate();
  // The key as text (base64), as a keyring holds it; throws kanal::Error
  // when the text is no key.
  static SecretBox from_text(const std::string& text);
  std::string to_text() const;
  ~SecretBox();

  // base64(nonce ‖ ciphertext); a fresh nonce every time.
  std::string seal(const std::string& plaintext) const;
  // Throws kanal::Error(internal) when the text was not sealed with this key.
  std::string open(const std::string& sealed) const;
  // A key of its own for another purpose (`context`: 8 characters), derived
  // from this one: whoever holds the workspace key holds it, and nobody else.
  std::array<unsigned char, 32> derived_key(std::uint64_t id, const char (&context)[9]) const;

  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;
  SecretBox(SecretBox&& other) noexcept;
  SecretBox& operator=(SecretBox&&) = delete;

 private:
  SecretBox() = default;
  std::array<unsigned char, 32> key_{};
};

}  // namespace kanal::store
