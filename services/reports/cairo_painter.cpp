#include "reports/cairo_painter.h"

#include "core/utf8.h"

namespace kanal::reports {
namespace {

void set_colour(cairo_t* cr, Colour colour) {
  cairo_set_source_rgb(cr, colour.r / 255.0, colour.g / 255.0, colour.b / 255.0);
}

double text_width(cairo_t* cr, const std::string& words) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, words.c_str(), &extents);
  return extents.x_advance;
}

}  // namespace

void use_font(cairo_t* cr, double size, bool bold) {
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

std::string fitted(cairo_t* cr, const std::string& words, double width) {
  if (text_width(cr, words) <= width) return words;
  auto cut = utf8::is_valid(words) ? words : utf8::repaired(words);
  while (!cut.empty()) {
    // Drop one character (its continuation bytes first).
    auto end = cut.size() - 1;
    while (end > 0 && (static_cast<unsigned char>(cut[end]) & 0xC0) == 0x80) --end;
    cut.resize(end);
    if (text_width(cr, cut + "…") <= width) return cut + "…";
  }
  return {};
}

void paint(cairo_t* cr, const Drawing& drawing, double x, double y) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  for (const auto& shape : drawing.shapes) {
    set_colour(cr, shape.colour);
    switch (shape.kind) {
      case Shape::Kind::polyline:
        if (shape.points.size() < 2) break;
        cairo_set_line_width(cr, shape.line_width);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_move_to(cr, shape.points[0].first, shape.points[0].second);
        for (std::size_t i = 1; i < shape.points.size(); ++i) {
          cairo_line_to(cr, shape.points[i].first, shape.points[i].second);
        }
        cairo_stroke(cr);
        break;
      case Shape::Kind::rectangle:
        cairo_rectangle(cr, shape.box.x, shape.box.y, shape.box.width, shape.box.height);
        cairo_fill(cr);
        break;
      case Shape::Kind::text: {
        use_font(cr, shape.font_size, shape.bold);
        const double width = text_width(cr, shape.text);
        const double left = shape.align == Align::left     ? shape.box.x
                            : shape.align == Align::centre ? shape.box.x - width / 2
                                                           : shape.box.x - width;
        cairo_move_to(cr, left, shape.box.y);
        cairo_show_text(cr, shape.text.c_str());
        break;
      }
    }
  }
  cairo_restore(cr);
}

}  // namespace kanal::reports
