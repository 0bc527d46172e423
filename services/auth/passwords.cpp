#include "auth/passwords.h"

#include <sodium.h>

#include "core/error.h"
#include "core/utf8.h"

namespace kanal::auth {

constexpr std::size_t kMinimumLength = 12;
constexpr std::size_t kMaximumLength = 1024;

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw Error(ErrorCode::unavailable, "not enough memory to hash the password; try again");
  }
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> password_problem(const std::string& password) {
  const auto length = utf8::code_points(password);
  if (!length) return "the password is not valid UTF-8";
  if (*length < kMinimumLength) {
    return "a password needs at least " + std::to_string(kMinimumLength) + " characters";
  }
  if (password.size() > kMaximumLength) {
    return "a password may have at most " + std::to_string(kMaximumLength) + " bytes";
  }
  return std::nullopt;
}

}  // namespace kanal::auth
