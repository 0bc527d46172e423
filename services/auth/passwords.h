#pragma once
// Passwords as Argon2id strings (libsodium's crypto_pwhash_str, its
// interactive limits): the string carries its own salt and parameters.

#include <optional>
#include <string>

namespace kanal::auth {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// Why a new password is not good enough, in words for the person choosing
// it; none when it is.
std::optional<std::string> password_problem(const std::string& password);

}  // namespace kanal::auth
