#include "widgets/thumbnail.h"

#include <wx/dcmemory.h>
#include <wx/image.h>
#include <wx/log.h>
#include <wx/mstream.h>

#include <algorithm>

namespace kanal::gui {

wxBitmap thumbnail_from(const std::string& bytes, int size_px) {
  wxImage image;
  {
    wxLogNull quiet;  // a broken image is shown as grey, not as a log window
    wxMemoryInputStream stream(bytes.data(), bytes.size());
    image.LoadFile(stream, wxBITMAP_TYPE_ANY);
  }
  if (!image.IsOk() || image.GetWidth() <= 0 || image.GetHeight() <= 0) {
    wxBitmap grey(size_px, size_px);
    wxMemoryDC dc(grey);
    dc.SetBackground(*wxLIGHT_GREY_BRUSH);
    dc.Clear();
    return grey;
  }
  const double scale =
      std::min(static_cast<double>(size_px) / image.GetWidth(), static_cast<double>(size_px) / image.GetHeight());
  const int width = std::max(1, static_cast<int>(image.GetWidth() * scale));
  const int height = std::max(1, static_cast<int>(image.GetHeight() * scale));
  return wxBitmap(image.Scale(width, height, wxIMAGE_QUALITY_HIGH));
}

}  // namespace kanal::gui
