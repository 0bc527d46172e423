#pragma once
// Paints a chart's shapes with cairo (the PDF report's surface).

#include <cairo.h>

#include "reports/chart.h"

namespace kanal::reports {

// Paints `drawing` with its top left corner at (x, y).
void paint(cairo_t* cr, const Drawing& drawing, double x, double y);
// Sets the report's font; bold or not.
void use_font(cairo_t* cr, double size, bool bold = false);
// `words` cut (at a character boundary, with "…") to fit `width`.
std::string fitted(cairo_t* cr, const std::string& words, double width);

}  // namespace kanal::reports
