#include "widgets/network_icon.h"

#include <wx/dcmemory.h>
#include <wx/graphics.h>

#include <cctype>
#include <memory>

namespace kanal::gui {
namespace {

struct Look {
  const char* id;
  unsigned char red, green, blue;
  const char* letter;
};
constexpr Look kLooks[] = {
    {"mastodon", 0x63, 0x64, 0xFF, "M"}, {"bluesky", 0x11, 0x85, 0xFE, "B"},   {"x", 0x14, 0x17, 0x1A, "X"},
    {"facebook", 0x18, 0x77, 0xF2, "f"}, {"linkedin", 0x0A, 0x66, 0xC2, "in"}, {"sandbox", 0x2E, 0x8B, 0x57, "S"},
};

}  // namespace

wxBitmap network_icon(const std::string& network_id, int size_px) {
  Look look{"", 0x70, 0x70, 0x70, "?"};
  for (const auto& candidate : kLooks) {
    if (network_id == candidate.id) look = candidate;
  }
  std::string letter = look.letter;
  if (letter == "?" && !network_id.empty()) {
    letter = std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(network_id[0]))));
  }
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
      const wxColour colour(look.red, look.green, look.blue);
      gc->SetBrush(wxBrush(colour));
      gc->SetPen(*wxTRANSPARENT_PEN);
      const double size = size_px;
      gc->DrawRoundedRectangle(0.5, 0.5, size - 1, size - 1, size / 5);
      const int letter_px = static_cast<int>(size * (letter.size() > 1 ? 0.5 : 0.62));
      wxFont font(wxFontInfo(wxSize(0, letter_px)).Bold());
      gc->SetFont(font, *wxWHITE);
      double width = 0, height = 0;
      gc->GetTextExtent(letter, &width, &height);
      gc->DrawText(letter, (size - width) / 2, (size - height) / 2);
    }
  }
  return bitmap;
}

}  // namespace kanal::gui
