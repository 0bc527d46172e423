#pragma once
// Charts as shapes: a chart is laid out once, into lines, rectangles and
// text at coordinates, with the areas a pointer can rest on and what they
// show. The app paints the shapes with wx's graphics context, the PDF report
// with cairo — the same chart either way.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "reports/report.h"

namespace kanal::reports {

struct Colour {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Colour&, const Colour&) = default;
};

struct Box {
  double x = 0, y = 0, width = 0, height = 0;
  bool contains(double px, double py) const { return px >= x && px < x + width && py >= y && py < y + height; }
};

enum class Align { left, centre, right };

struct Shape {
  enum class Kind { polyline, rectangle, text };
  Kind kind = Kind::polyline;
  std::vector<std::pair<double, double>> points;  // polyline
  Box box;                                        // rectangle (filled); text: x, y of the baseline anchor
  Colour colour;
  double line_width = 1.5;
  std::string text;
  double font_size = 9;
  Align align = Align::left;
  bool bold = false;
};

// An area that shows `label` when the pointer rests on it.
struct HotSpot {
  Box area;
  std::string label;
};

// One series as the chart plotted it (what a test or a screen reader reads).
struct PlottedSeries {
  std::string name;
  std::vector<std::pair<Timestamp, double>> values;  // only the available ones
};

struct Drawing {
  double width = 0, height = 0;
  std::vector<Shape> shapes;
  std::vector<HotSpot> hotspots;
  std::vector<PlottedSeries> plotted;
  // The label of the hot spot under (x, y), or empty.
  std::string label_at(double x, double y) const;
};

// The time a chart spans: the report's period, from the start of its first
// bucket to the start of its last.
struct TimeAxis {
  Timestamp first, last;
  Granularity granularity = Granularity::day;
};
TimeAxis time_axis(const Report& report);

// Series over time, one line each, with a legend; gaps where not available.
Drawing line_chart(const std::string& title, const std::vector<Series>& series, const TimeAxis& axis, double width,
                   double height);
// Likes, shares and replies per group, stacked, one bar per group.
Drawing bar_chart(const std::string& title, const std::vector<GroupRow>& rows, double width, double height);
// Engagement per post by weekday and hour, darker for more.
Drawing heatmap_chart(const std::string& title, const Heatmap& heatmap, double width, double height);

// The colour of the n-th series (colour-blind safe, Okabe and Ito).
Colour series_colour(std::size_t n);
// "12 345" style numbers, as tables and charts show them; "n/a" for nullopt.
std::string format_number(double value, int decimals = 0);
// A bucket's start as a label: "14:00 UTC 3 Nov", "3 Nov 2026", "week 45 2026"
// (buckets are UTC hours, days and ISO weeks).
std::string bucket_label(Timestamp at, Granularity granularity);

}  // namespace kanal::reports
