#include "store/secret_box.h"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <vector>

#include "core/error.h"
#include "core/paths.h"

namespace kanal::store {
namespace {

static_assert(crypto_secretbox_KEYBYTES == 32);

void init_sodium() {
  if (sodium_init() < 0) throw Error(ErrorCode::internal, "libsodium failed to initialise");
}

}  // namespace

SecretBox SecretBox::from_key_file(const std::filesystem::path& path) {
  init_sodium();
  SecretBox box;
  std::ifstream in(path, std::ios::binary);
  if (in) {
    in.read(reinterpret_cast<char*>(box.key_.data()), static_cast<std::streamsize>(box.key_.size()));
    if (in.gcount() != static_cast<std::streamsize>(box.key_.size())) {
      throw Error(ErrorCode::unavailable, "the key file " + path.string() +
                                              " is damaged (too short); the stored "
                                              "account credentials cannot be read without it");
    }
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
      throw Error(ErrorCode::unavailable,
                  "the key file " + path.string() + " is readable by others; make it private (chmod 600) first");
    }
    return box;
  }
  randombytes_buf(box.key_.data(), box.key_.size());
  write_private_file(path, std::string(reinterpret_cast<const char*>(box.key_.data()), box.key_.size()));
  return box;
}

std::array<unsigned char, 32> SecretBox::derived_key(std::uint64_t id, const char (&context)[9]) const {
  static_assert(crypto_kdf_KEYBYTES == 32 && crypto_kdf_CONTEXTBYTES == 8);
  std::array<unsigned char, 32> derived{};
  crypto_kdf_derive_from_key(derived.data(), derived.size(), id, context, key_.data());
  return derived;
}

SecretBox SecretBox::generate() {
  init_sodium();
  SecretBox box;
  randombytes_buf(box.key_.data(), box.key_.size());
  return box;
}

SecretBox SecretBox::from_text(const std::string& text) {
  init_sodium();
  SecretBox box;
  std::size_t length = 0;
  if (sodium_base642bin(box.key_.data(), box.key_.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != box.key_.size()) {
    throw Error(ErrorCode::unavailable,
                "the workspace key in the keyring is damaged; the stored account credentials "
                "cannot be read without it");
  }
  return box;
}

std::string SecretBox::to_text() const {
  std::vector<char> encoded(sodium_base64_ENCODED_LEN(key_.size(), sodium_base64_VARIANT_ORIGINAL));
  sodium_bin2base64(encoded.data(), encoded.size(), key_.data(), key_.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string text = encoded.data();
  sodium_memzero(encoded.data(), encoded.size());
  return text;
}

SecretBox::SecretBox(SecretBox&& other) noexcept : key_(other.key_) { sodium_memzero(other.key_.data(), 32); }

SecretBox::~SecretBox() { sodium_memzero(key_.data(), key_.size()); }

std::string SecretBox::seal(const std::string& plaintext) const {
  std::vector<unsigned char> sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  randombytes_buf(sealed.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(sealed.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), sealed.data(),
                        key_.data());
  std::vector<char> encoded(sodium_base64_ENCODED_LEN(sealed.size(), sodium_base64_VARIANT_ORIGINAL));
  sodium_bin2base64(encoded.data(), encoded.size(), sealed.data(), sealed.size(), sodium_base64_VARIANT_ORIGINAL);
  return encoded.data();
}

std::string SecretBox::open(const std::string& text) const {
  std::vector<unsigned char> sealed(text.size());
  std::size_t length = 0;
  if (sodium_base642bin(sealed.data(), sealed.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    throw Error(ErrorCode::internal, "stored credentials are not readable (damaged)");
  }
  std::string plaintext(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()),
                                 sealed.data() + crypto_secretbox_NONCEBYTES, length - crypto_secretbox_NONCEBYTES,
                                 sealed.data(), key_.data()) != 0) {
    throw Error(ErrorCode::internal, "stored credentials do not open with this workspace's key");
  }
  return plaintext;
}

}  // namespace kanal::store
