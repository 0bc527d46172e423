#include "analytics/chart_panel.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include <memory>

namespace kanal::gui {
namespace {

wxColour colour_of(reports::Colour colour) { return {colour.r, colour.g, colour.b}; }

void paint_shapes(wxGraphicsContext& gc, const reports::Drawing& drawing, const wxFont& base) {
  for (const auto& shape : drawing.shapes) {
    const auto colour = colour_of(shape.colour);
    switch (shape.kind) {
      case reports::Shape::Kind::polyline: {
        if (shape.points.size() < 2) break;
        gc.SetPen(wxPen(colour, std::max(1, int(shape.line_width + 0.5))));
        auto path = gc.CreatePath();
        path.MoveToPoint(shape.points[0].first, shape.points[0].second);
        for (std::size_t i = 1; i < shape.points.size(); ++i) {
          path.AddLineToPoint(shape.points[i].first, shape.points[i].second);
        }
        gc.StrokePath(path);
        break;
      }
      case reports::Shape::Kind::rectangle:
        gc.SetPen(*wxTRANSPARENT_PEN);
        gc.SetBrush(wxBrush(colour));
        gc.DrawRectangle(shape.box.x, shape.box.y, shape.box.width, shape.box.height);
        break;
      case reports::Shape::Kind::text: {
        wxFont font = base;
        font.SetFractionalPointSize(shape.font_size);
        if (shape.bold) font.MakeBold();
        gc.SetFont(font, colour);
        const auto words = wxString::FromUTF8(shape.text);
        double width = 0, height = 0, descent = 0, leading = 0;
        gc.GetTextExtent(words, &width, &height, &descent, &leading);
        const double left = shape.align == reports::Align::left     ? shape.box.x
                            : shape.align == reports::Align::centre ? shape.box.x - width / 2
                                                                    : shape.box.x - width;
        // The layout anchors text at its baseline, as cairo does.
        gc.DrawText(words, left, shape.box.y - (height - descent));
        break;
      }
    }
  }
}

}  // namespace

ChartPanel::ChartPanel(wxWindow* parent, const wxString& name, wxSize min_size)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, min_size, wxFULL_REPAINT_ON_RESIZE, name) {
  SetMinSize(min_size);
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  Bind(wxEVT_PAINT, [this](wxPaintEvent&) { on_paint(); });
  Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    lay_out();
    Refresh();
    event.Skip();
  });
  Bind(wxEVT_MOTION, [this](wxMouseEvent& event) { on_motion(event.GetPosition()); });
}

void ChartPanel::show(Layout layout) {
  layout_ = std::move(layout);
  lay_out();
  Refresh();
}

wxString ChartPanel::label_at(wxPoint at) const { return wxString::FromUTF8(drawing_.label_at(at.x, at.y)); }

void ChartPanel::lay_out() {
  const auto size = GetClientSize();
  if (!layout_ || size.x <= 0 || size.y <= 0) return;
  drawing_ = layout_(size.x, size.y);
}

void ChartPanel::on_paint() {
  wxAutoBufferedPaintDC dc(this);
  dc.SetBackground(wxBrush(*wxWHITE));
  dc.Clear();
  std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
  if (!gc) return;
  gc->SetAntialiasMode(wxANTIALIAS_DEFAULT);
  paint_shapes(*gc, drawing_, GetFont());
}

void ChartPanel::on_motion(const wxPoint& at) {
  const auto label = label_at(at);
  if (label == hovered_) return;
  hovered_ = label;
  SetToolTip(label);  // an empty label takes the tooltip away
}

}  // namespace kanal::gui
