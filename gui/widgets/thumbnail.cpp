#include "widgets/thumbnail.h"

#include <wx/dcmemory.h>
#include <wx/log.h>
#include <wx/mstream.h>

#include <algorithm>

namespace kanal::gui {

wxImage thumbnail_image(const std::string& bytes, int size_px) {
  wxImage image;
  {
    wxLogNull quiet;  // a broken image is shown as grey, not as a log window
    wxMemoryInputStream stream(bytes.data(), bytes.size());
    image.LoadFile(stream, wxBITMAP_TYPE_ANY);
  }
  if (!image.IsOk() || image.GetWidth() <= 0 || image.GetHeight() <= 0) return {};
  const double scale =
      std::min(static_cast<double>(size_px) / image.GetWidth(), static_cast<double>(size_px) / image.GetHeight());
  const int width = std::max(1, static_cast<int>(image.GetWidth() * scale));
  const int height = std::max(1, static_cast<int>(image.GetHeight() * scale));
  return image.Scale(width, height, wxIMAGE_QUALITY_HIGH);
}

wxBitmap thumbnail_bitmap(const wxImage& image, int size_px) {
  if (image.IsOk()) return wxBitmap(image);
  wxBitmap grey(size_px, size_px);
  wxMemoryDC dc(grey);
  dc.SetBackground(*wxLIGHT_GREY_BRUSH);
  dc.Clear();
  return grey;
}

}  // namespace kanal::gui
