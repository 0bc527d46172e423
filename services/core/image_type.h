#pragma once
// Which images Kanal publishes, told by their bytes rather than by a name or
// a declared type that may lie.

#include <cstdint>
#include <string>
#include <string_view>

namespace kanal {

// Every network Kanal speaks takes images up to this size (Mastodon's default).
inline constexpr std::uint64_t kMaxImageBytes = 16u * 1024 * 1024;

// "image/png", "image/jpeg", "image/gif" or "image/webp" by the file's
// signature; empty when the bytes are none of these.
std::string image_content_type(std::string_view bytes);

}  // namespace kanal
