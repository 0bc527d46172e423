#include "widgets/network_icon.h"

#include "api/wire/networks.h"

#include <wx/bmpbndl.h>
#include <wx/dcmemory.h>
#include <wx/graphics.h>

#include <cctype>
#include <memory>

namespace kanal::gui {
namespace {

wxBitmap initial_on_grey(const std::string& name, int size_px) {
  const std::string letter =
      name.empty() ? "?" : std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(name[0]))));
  wxImage image(size_px, size_px);
  image.InitAlpha();
  for (int y = 0; y < size_px; ++y) {
    for (int x = 0; x < size_px; ++x) image.SetAlpha(x, y, 0);
  }
  wxBitmap bitmap(image);
  {
    wxMemoryDC dc(bitmap);
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (gc) {
      gc->SetBrush(wxBrush(wxColour(0x70, 0x70, 0x70)));
      gc->SetPen(*wxTRANSPARENT_PEN);
      const double size = size_px;
      gc->DrawRoundedRectangle(0.5, 0.5, size - 1, size - 1, size / 5);
      wxFont font(wxFontInfo(wxSize(0, static_cast<int>(size * 0.62))).Bold());
      gc->SetFont(font, *wxWHITE);
      double width = 0, height = 0;
      gc->GetTextExtent(letter, &width, &height);
      gc->DrawText(letter, (size - width) / 2, (size - height) / 2);
    }
  }
  return bitmap;
}

}  // namespace

wxBitmap network_icon(const NetworkDescriptor* network, int size_px, const std::string& network_id) {
  if (network != nullptr && !network->icon_svg.empty()) {
    // nanosvg (inside wx) parses in place: it needs its own copy.
    std::string svg = network->icon_svg;
    const auto bundle = wxBitmapBundle::FromSVG(svg.data(), wxSize(size_px, size_px));
    if (bundle.IsOk()) return bundle.GetBitmap(wxSize(size_px, size_px));
  }
  return initial_on_grey(network != nullptr ? network->display_name : network_id, size_px);
}

wxString network_name(const std::vector<NetworkDescriptor>& networks, const std::string& network_id) {
  const auto* network = wire::find_network(networks, network_id);
  return wxString::FromUTF8(network != nullptr ? network->display_name : network_id);
}

}  // namespace kanal::gui
