#pragma once
// A press contact: a journalist, editor or politician the team mentions,
// with their handle on each network (named by the network plugin's id).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/time.h"

namespace kanal::contacts {

using PressContactId = Id<struct PressContactTag>;

enum class PressRole { journalist, editor, politician, other };
std::string_view to_string(PressRole role);
std::optional<PressRole> parse_press_role(std::string_view text);

struct NetworkHandle {
  std::string network;  // a plugin's id: "x", "bluesky", "mastodon"
  std::string handle;   // as written on that network: "@anna", "@anna.bsky.social", "@anna@journalist.social"
  friend bool operator==(const NetworkHandle&, const NetworkHandle&) = default;
};

struct PressContact {
  PressContactId id;
  std::string name;
  std::string organisation;
  PressRole role = PressRole::journalist;
  std::string notes;
  std::vector<NetworkHandle> handles;  // at most one per network, sorted by network
  Timestamp created_at;
  Timestamp updated_at;

  // The handle on `network`, or nullptr.
  const NetworkHandle* handle_on(std::string_view network) const;
  // What a person can change, the same (id and times aside).
  bool same_content(const PressContact& other) const;
};

// Handles sorted by network, so equal contacts compare equal.
void sort_handles(std::vector<NetworkHandle>& handles);

}  // namespace kanal::contacts
