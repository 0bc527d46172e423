#pragma once
#include <string>
#include <string_view>

namespace kanal::store {

// SHA-256 of `bytes`, as 64 lower-case hex digits (libsodium).
std::string sha256_hex(std::string_view bytes);

}  // namespace kanal::store
