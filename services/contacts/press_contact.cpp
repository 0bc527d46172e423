#include "contacts/press_contact.h"

#include <algorithm>

namespace kanal::contacts {

std::string_view to_string(PressRole role) {
  switch (role) {
    case PressRole::journalist: return "journalist";
    case PressRole::editor: return "editor";
    case PressRole::politician: return "politician";
    case PressRole::other: return "other";
  }
  return "other";
}

std::optional<PressRole> parse_press_role(std::string_view text) {
  for (const auto role : {PressRole::journalist, PressRole::editor, PressRole::politician, PressRole::other}) {
    if (text == to_string(role)) return role;
  }
  return std::nullopt;
}

const NetworkHandle* PressContact::handle_on(std::string_view network) const {
  for (const auto& handle : handles) {
    if (handle.network == network) return &handle;
  }
  return nullptr;
}

bool PressContact::same_content(const PressContact& other) const {
  return name == other.name && organisation == other.organisation && role == other.role && notes == other.notes &&
         handles == other.handles;
}

void sort_handles(std::vector<NetworkHandle>& handles) {
  std::sort(handles.begin(), handles.end(),
            [](const NetworkHandle& a, const NetworkHandle& b) { return a.network < b.network; });
}

}  // namespace kanal::contacts
