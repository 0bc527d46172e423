#pragma once
// A small picture of an image's bytes, for lists and editors. Decoding and
// scaling a large photo takes long: it is done off the UI thread
// (thumbnail_image), and only the bitmap is made on it (thumbnail_bitmap).

#include <wx/bitmap.h>
#include <wx/image.h>

#include <string>

namespace kanal::gui {

inline constexpr int kThumbnailPx = 72;

// Scaled to fit a square of `size_px`, keeping its proportions; an invalid
// image when the bytes are not one wx can read. Safe on any thread.
wxImage thumbnail_image(const std::string& bytes, int size_px = kThumbnailPx);

// The picture to show; a grey square for an image that could not be read.
// On the UI thread only.
wxBitmap thumbnail_bitmap(const wxImage& image, int size_px = kThumbnailPx);

}  // namespace kanal::gui
