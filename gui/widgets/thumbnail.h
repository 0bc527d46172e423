#pragma once
// A small picture of an image's bytes, for lists and editors.

#include <wx/bitmap.h>

#include <string>

namespace kanal::gui {

// Scaled to fit a square of `size_px` keeping its proportions; a grey square
// when the bytes are not an image wx can read.
wxBitmap thumbnail_from(const std::string& bytes, int size_px = 72);

}  // namespace kanal::gui
