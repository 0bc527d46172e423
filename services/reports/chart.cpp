#include "reports/chart.h"

#include <date/date.h>
#include <date/iso_week.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analytics/rollups.h"

namespace kanal::reports {
namespace {

constexpr Colour kInk{40, 40, 40};
constexpr Colour kGrid{220, 220, 220};
constexpr Colour kMuted{110, 110, 110};
constexpr double kMargin = 8;
constexpr double kTitleHeight = 20;
constexpr double kAxisWidth = 52;   // left, for the value labels
constexpr double kAxisHeight = 18;  // below, for the time labels
constexpr double kLegendRow = 14;

Shape text(double x, double y, std::string words, double size = 9, Align align = Align::left, Colour colour = kInk,
           bool bold = false) {
  Shape shape;
  shape.kind = Shape::Kind::text;
  shape.box = {x, y, 0, 0};
  shape.text = std::move(words);
  shape.font_size = size;
  shape.align = align;
  shape.colour = colour;
  shape.bold = bold;
  return shape;
}

Shape rectangle(Box box, Colour colour) {
  Shape shape;
  shape.kind = Shape::Kind::rectangle;
  shape.box = box;
  shape.colour = colour;
  return shape;
}

Shape polyline(std::vector<std::pair<double, double>> points, Colour colour, double width = 1.5) {
  Shape shape;
  shape.kind = Shape::Kind::polyline;
  shape.points = std::move(points);
  shape.colour = colour;
  shape.line_width = width;
  return shape;
}

// A round step for an axis from 0 to `top` in about five parts.
double nice_step(double top) {
  if (top <= 0) return 1;
  const double raw = top / 5;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (factor * power >= raw) return std::max(1.0, factor * power);
  }
  return std::max(1.0, 10 * power);
}

struct Plot {
  Box area;
  double low = 0, high = 1;
  double y_of(double value) const { return area.y + area.height - (value - low) / (high - low) * area.height; }
};

// The value axis and its grid lines; the plot's range.
Plot value_axis(Drawing& drawing, Box area, double low, double high) {
  Plot plot{area, 0, 1};
  // A flat line, or values too large for a double to tell apart, still gets a range.
  if (!(high - low >= 1)) high = low + std::max(1.0, std::abs(low) * 1e-6);
  const double step = nice_step(high - low);
  plot.low = std::floor(low / step) * step;
  plot.high = std::ceil(high / step) * step;
  if (!(plot.high > plot.low)) plot.high = plot.low + step;
  const int ticks = std::min(50, int(std::ceil((plot.high - plot.low) / step)));  // bounded, whatever the values
  for (int tick = 0; tick <= ticks; ++tick) {
    const double value = plot.low + step * tick;
    const double y = plot.y_of(value);
    drawing.shapes.push_back(polyline({{area.x, y}, {area.x + area.width, y}}, kGrid, 0.5));
    drawing.shapes.push_back(text(area.x - 4, y + 3, format_number(value), 8, Align::right, kMuted));
  }
  return plot;
}

Drawing start(const std::string& title, double width, double height) {
  Drawing drawing;
  drawing.width = width;
  drawing.height = height;
  drawing.shapes.push_back(text(kMargin, kMargin + 11, title, 11, Align::left, kInk, true));
  return drawing;
}

void legend(Drawing& drawing, const std::vector<std::string>& names, double x, double y) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const double row = y + double(i) * kLegendRow;
    drawing.shapes.push_back(rectangle({x, row - 8, 10, 8}, series_colour(i)));
    drawing.shapes.push_back(text(x + 14, row, names[i], 8));
  }
}

// A figure as a label says it: the number, or "n/a".
std::string figure_words(const std::optional<std::int64_t>& value) { return value ? std::to_string(*value) : "n/a"; }

}  // namespace

std::string Drawing::label_at(double x, double y) const {
  // The last one drawn is on top.
  for (auto spot = hotspots.rbegin(); spot != hotspots.rend(); ++spot) {
    if (spot->area.contains(x, y)) return spot->label;
  }
  return {};
}

Colour series_colour(std::size_t n) {
  static constexpr Colour kPalette[] = {{0, 114, 178},  {230, 159, 0}, {0, 158, 115},  {204, 121, 167},
                                        {86, 180, 233}, {213, 94, 0},  {240, 228, 66}, {0, 0, 0}};
  return kPalette[n % std::size(kPalette)];
}

std::string format_number(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string out = buffer;
  return out == "-0" ? "0" : out;
}

std::string bucket_label(Timestamp at, Granularity granularity) {
  const auto day = date::floor<date::days>(at);
  const date::year_month_day ymd{day};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto month = kMonths[unsigned(ymd.month()) - 1];
  char buffer[64];
  switch (granularity) {
    case Granularity::hour: {
      const auto hour = std::chrono::duration_cast<std::chrono::hours>(at - day).count();
      std::snprintf(buffer, sizeof buffer, "%02d:00 UTC %u %s", int(hour), unsigned(ymd.day()), month);
      break;
    }
    case Granularity::day:
      std::snprintf(buffer, sizeof buffer, "%u %s %d", unsigned(ymd.day()), month, int(ymd.year()));
      break;
    case Granularity::week: {
      const iso_week::year_weeknum_weekday week{day};
      std::snprintf(buffer, sizeof buffer, "week %u %d", unsigned(week.weeknum()), int(week.year()));
      break;
    }
  }
  return buffer;
}

TimeAxis time_axis(const Report& report) {
  const auto period = report.granularity == Granularity::hour   ? analytics::Period::hour
                      : report.granularity == Granularity::week ? analytics::Period::week
                                                                : analytics::Period::day;
  return {analytics::period_start(report.from, period),
          analytics::period_start(report.to - std::chrono::milliseconds(1), period), report.granularity};
}

Drawing line_chart(const std::string& title, const std::vector<Series>& series, const TimeAxis& axis, double width,
                   double height) {
  auto drawing = start(title, width, height);
  std::vector<std::string> names;
  const auto granularity = axis.granularity;
  const Timestamp first = axis.first, last = axis.last;
  double low = 0, high = 0;
  bool any = false;
  for (const auto& one : series) {
    names.push_back(one.name);
    for (const auto& point : one.points) {
      if (!point.value) continue;
      low = any ? std::min(low, *point.value) : *point.value;
      high = any ? std::max(high, *point.value) : *point.value;
      any = true;
    }
  }
  const double legend_height = double(names.size()) * kLegendRow;
  const Box area{kMargin + kAxisWidth, kMargin + kTitleHeight + 6, width - 2 * kMargin - kAxisWidth,
                 height - 2 * kMargin - kTitleHeight - kAxisHeight - legend_height - 10};
  if (!any || area.width <= 10 || area.height <= 10) {
    drawing.shapes.push_back(text(width / 2, height / 2, "No figures for this period yet", 9, Align::centre, kMuted));
    return drawing;
  }
  // Followers move little against their size: start the axis near the lowest value.
  const double floor_value = low > 0 && (high - low) < high / 2 ? low - (high - low) * 0.1 - 1 : std::min(0.0, low);
  const auto plot = value_axis(drawing, area, floor_value, high);
  const double span = std::max<double>(1, double((last - first).count()));
  const auto x_of = [&](Timestamp at) { return area.x + double((at - first).count()) / span * area.width; };
  drawing.shapes.push_back(
      text(area.x, area.y + area.height + 13, bucket_label(first, granularity), 8, Align::left, kMuted));
  if (last > first) {
    drawing.shapes.push_back(
        text(area.x + area.width, area.y + area.height + 13, bucket_label(last, granularity), 8, Align::right, kMuted));
  }
  for (std::size_t i = 0; i < series.size(); ++i) {
    PlottedSeries plotted{series[i].name, {}};
    std::vector<std::pair<double, double>> run;
    const auto flush = [&] {
      if (run.size() == 1) {  // a lone reading: a dot
        drawing.shapes.push_back(rectangle({run[0].first - 2, run[0].second - 2, 4, 4}, series_colour(i)));
      } else if (run.size() > 1) {
        drawing.shapes.push_back(polyline(run, series_colour(i)));
      }
      run.clear();
    };
    for (const auto& point : series[i].points) {
      if (!point.value) {
        flush();  // not available: a gap, never a drop to zero
        continue;
      }
      const double x = x_of(point.at), y = plot.y_of(*point.value);
      run.push_back({x, y});
      plotted.values.push_back({point.at, *point.value});
      drawing.hotspots.push_back(
          {{x - 4, area.y, 8, area.height},
           series[i].name + ", " + bucket_label(point.at, granularity) + ": " + format_number(*point.value)});
    }
    flush();
    drawing.plotted.push_back(std::move(plotted));
  }
  legend(drawing, names, area.x, area.y + area.height + kAxisHeight + 12);
  return drawing;
}

Drawing bar_chart(const std::string& title, const std::vector<GroupRow>& rows, double width, double height) {
  auto drawing = start(title, width, height);
  const std::vector<std::string> parts{"likes", "shares", "replies"};
  const Box area{kMargin + kAxisWidth, kMargin + kTitleHeight + 6, width - 2 * kMargin - kAxisWidth,
                 height - 2 * kMargin - kTitleHeight - kAxisHeight - 3 * kLegendRow - 10};
  double high = 0;
  for (const auto& row : rows) {
    high = std::max(high, double(engagement_of(row.likes, row.shares, row.replies).value_or(0)));
  }
  if (rows.empty() || area.width <= 10 || area.height <= 10) {
    drawing.shapes.push_back(text(width / 2, height / 2, "No posts in this period", 9, Align::centre, kMuted));
    return drawing;
  }
  const auto plot = value_axis(drawing, area, 0, high);
  const double slot = area.width / double(rows.size());
  const double bar = std::min(48.0, slot * 0.7);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const double x = area.x + slot * double(i) + (slot - bar) / 2;
    double base = 0;
    const std::int64_t values[] = {row.likes.value_or(0), row.shares.value_or(0), row.replies.value_or(0)};
    for (std::size_t p = 0; p < parts.size(); ++p) {
      const double top = base + double(values[p]);
      drawing.shapes.push_back(rectangle({x, plot.y_of(top), bar, plot.y_of(base) - plot.y_of(top)}, series_colour(p)));
      base = top;
    }
    const auto name = row.key.empty() ? std::string("(none)") : row.key;
    drawing.shapes.push_back(text(x + bar / 2, area.y + area.height + 13, name, 8, Align::centre, kMuted));
    drawing.hotspots.push_back({{x, area.y, bar, area.height},
                                name + ": " + std::to_string(row.posts) + " posts, " + figure_words(row.likes) +
                                    " likes, " + figure_words(row.shares) + " shares, " + figure_words(row.replies) +
                                    " replies"});
    if (const auto sum = engagement_of(row.likes, row.shares, row.replies)) {
      drawing.plotted.push_back({name, {{Timestamp{}, double(*sum)}}});
    }
  }
  legend(drawing, parts, area.x, area.y + area.height + kAxisHeight + 12);
  return drawing;
}

Drawing heatmap_chart(const std::string& title, const Heatmap& heatmap, double width, double height) {
  auto drawing = start(title, width, height);
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  const double left = kMargin + 32, top = kMargin + kTitleHeight + 6;
  const double cell_width = (width - left - kMargin) / 24, cell_height = (height - top - kMargin - 16) / 7;
  double most = 0;
  for (const auto& day : heatmap.engagement_per_post) {
    for (const double value : day) most = std::max(most, value);
  }
  for (int d = 0; d < 7; ++d) {
    drawing.shapes.push_back(text(left - 4, top + cell_height * (d + 0.5) + 3, kDays[d], 8, Align::right, kMuted));
    for (int h = 0; h < 24; ++h) {
      const Box cell{left + cell_width * h, top + cell_height * d, cell_width - 1, cell_height - 1};
      const auto posts = heatmap.posts[d][h];
      const double value = heatmap.engagement_per_post[d][h];
      const double share = most > 0 ? std::clamp(value / most, 0.0, 1.0) : 0;
      const Colour colour = posts == 0 ? Colour{245, 245, 245}
                                       : Colour{std::uint8_t(230 - 200 * share), std::uint8_t(240 - 150 * share),
                                                std::uint8_t(250 - 80 * share)};
      drawing.shapes.push_back(rectangle(cell, colour));
      drawing.hotspots.push_back({cell, std::string(kDays[d]) + " " + (h < 10 ? "0" : "") + std::to_string(h) +
                                            ":00 — " + std::to_string(posts) + " posts, " + format_number(value, 1) +
                                            " likes, shares and replies per post"});
    }
  }
  for (int h = 0; h < 24; h += 3) {
    drawing.shapes.push_back(
        text(left + cell_width * (h + 0.5), top + cell_height * 7 + 12, std::to_string(h), 8, Align::centre, kMuted));
  }
  return drawing;
}

}  // namespace kanal::reports
