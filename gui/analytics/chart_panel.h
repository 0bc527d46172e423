#pragma once
// A chart on screen: the shapes kanal::reports lays out (the same as the
// PDF report's), painted with wx's graphics context, laid out again when
// the panel is resized; resting the pointer on a point, bar or cell shows
// its value.

#include <wx/panel.h>

#include <functional>

#include "reports/chart.h"

namespace kanal::gui {

class ChartPanel final : public wxPanel {
 public:
  // Lays out the chart for a size in pixels.
  using Layout = std::function<reports::Drawing(double width, double height)>;

  ChartPanel(wxWindow* parent, const wxString& name, wxSize min_size);

  void show(Layout layout);
  // What is drawn now (tests read the plotted series and the hover labels).
  const reports::Drawing& drawing() const { return drawing_; }
  // What the pointer at (x, y) shows; also what a tooltip shows there.
  wxString label_at(wxPoint at) const;

 private:
  void lay_out();
  void on_paint();
  void on_motion(const wxPoint& at);

  Layout layout_;
  reports::Drawing drawing_;
  wxString hovered_;
};

}  // namespace kanal::gui
