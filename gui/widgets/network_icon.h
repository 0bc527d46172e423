#pragma once
// A small mark for a network in lists: its initial on its colour. Drawn,
// not shipped as artwork, so every size is sharp and no logo is borrowed.

#include <wx/bitmap.h>

#include <string>

namespace kanal::gui {

wxBitmap network_icon(const std::string& network_id, int size_px);

}  // namespace kanal::gui
