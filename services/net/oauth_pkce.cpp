#include "net/oauth_pkce.h"

#include <sodium.h>

#include <vector>

#include "core/error.h"

namespace kanal::net {
namespace {

void init_sodium() {
  if (sodium_init() < 0) throw Error(ErrorCode::internal, "libsodium failed to initialise");
}

std::string base64url(const unsigned char* bytes, std::size_t length) {
  std::vector<char> encoded(sodium_base64_ENCODED_LEN(length, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
  sodium_bin2base64(encoded.data(), encoded.size(), bytes, length, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded.data();
}

}  // namespace

std::string random_token(std::size_t bytes) {
  init_sodium();
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  return base64url(random.data(), random.size());
}

std::string make_code_verifier() { return random_token(32); }

std::string code_challenge_s256(const std::string& verifier) {
  init_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
  return base64url(digest, sizeof digest);
}

std::string hmac_sha256_hex(const std::string& key, const std::string& message) {
  init_sodium();
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[2 * sizeof mac + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

std::string form_encode(const std::string& value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace kanal::net
