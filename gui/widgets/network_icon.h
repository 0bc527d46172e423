#pragma once
// A small mark for a network in lists: the icon its plugin's descriptor
// carries (SVG), or, without one, the network's initial on grey. No network
// is known here by name.

#include <wx/bitmap.h>

#include <string>
#include <vector>

#include "core/network_descriptor.h"

namespace kanal::gui {

// `network` may be null (a network whose plugin is not loaded).
wxBitmap network_icon(const NetworkDescriptor* network, int size_px, const std::string& network_id = {});

// The name people know a network by: the descriptor's, else its id.
wxString network_name(const std::vector<NetworkDescriptor>& networks, const std::string& network_id);

}  // namespace kanal::gui
