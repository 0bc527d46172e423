#pragma once
// Typed ids: a PostId cannot be passed where a UserId is expected.

#include <compare>
#include <cstdint>
#include <functional>

namespace kanal {

template <class Tag>
struct Id {
  std::int64_t value = 0;

  constexpr bool valid() const noexcept { return value > 0; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

using UserId = Id<struct UserTag>;
using AccountId = Id<struct AccountTag>;
using PostId = Id<struct PostTag>;
using MediaId = Id<struct MediaTag>;
using InteractionId = Id<struct InteractionTag>;  // a comment, reply, mention or message in the inbox

}  // namespace kanal

template <class Tag>
struct std::hash<kanal::Id<Tag>> {
  std::size_t operator()(kanal::Id<Tag> id) const noexcept { return std::hash<std::int64_t>{}(id.value); }
};
