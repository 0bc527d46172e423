#include "reports/report_pdf.h"

#include <cairo-pdf.h>
#include <date/date.h>

#include <memory>
#include <vector>

#include "core/error.h"
#include "reports/cairo_painter.h"
#include "reports/chart.h"
#include "scheduling/wall_clock.h"

namespace kanal::reports {
namespace {

constexpr double kPageWidth = 595.28, kPageHeight = 841.89;  // A4 in points
constexpr double kMargin = 40;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kRowHeight = 14;

// The day `at` falls on in `zone`, as the period's heading names it.
std::string local_day(Timestamp at, const std::string& zone) {
  const auto local = date::floor<date::days>(scheduling::to_local(at, zone));
  return bucket_label(Timestamp{std::chrono::milliseconds(local.time_since_epoch())}, Granularity::day);
}

std::string optional_number(const std::optional<std::int64_t>& value) { return value ? std::to_string(*value) : "n/a"; }

std::string optional_number(const std::optional<double>& value, int decimals) {
  return value ? format_number(*value, decimals) : "n/a";
}

struct Column {
  std::string heading;
  double width;
  Align align = Align::left;
};

// Writes down the pages, starting a new one when the next block does not fit.
class PdfWriter {
 public:
  explicit PdfWriter(const std::filesystem::path& file)
      : surface_(cairo_pdf_surface_create(file.c_str(), kPageWidth, kPageHeight), cairo_surface_destroy),
        cr_(cairo_create(surface_.get()), cairo_destroy) {
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      throw Error(ErrorCode::unavailable, "cannot write the report to " + file.string() + ": " +
                                              cairo_status_to_string(cairo_surface_status(surface_.get())));
    }
  }

  void finish(const std::filesystem::path& file) {
    cairo_show_page(cr_.get());
    cr_.reset();
    cairo_surface_finish(surface_.get());
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      throw Error(ErrorCode::unavailable, "cannot write the report to " + file.string() + ": " +
                                              cairo_status_to_string(cairo_surface_status(surface_.get())));
    }
  }

  void room_for(double height) {
    if (y_ + height <= kPageHeight - kMargin) return;
    cairo_show_page(cr_.get());
    y_ = kMargin;
  }

  void line(const std::string& words, double size = 9, bool bold = false) {
    room_for(size + 6);
    use_font(cr_.get(), size, bold);
    cairo_set_source_rgb(cr_.get(), 0.1, 0.1, 0.1);
    y_ += size + 4;
    cairo_move_to(cr_.get(), kMargin, y_);
    cairo_show_text(cr_.get(), fitted(cr_.get(), words, kContentWidth).c_str());
    y_ += 2;
  }

  void heading(const std::string& words) {
    room_for(60);  // a heading is never left alone at the bottom of a page
    y_ += 10;
    line(words, 13, true);
    y_ += 2;
  }

  void chart(const Drawing& drawing) {
    room_for(drawing.height + 8);
    paint(cr_.get(), drawing, kMargin, y_);
    y_ += drawing.height + 8;
  }

  void table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows) {
    if (rows.empty()) {
      line("None in this period.", 9);
      return;
    }
    room_for(3 * kRowHeight);
    row(columns, {}, true);
    for (const auto& cells : rows) {
      if (y_ + kRowHeight > kPageHeight - kMargin) {
        cairo_show_page(cr_.get());
        y_ = kMargin;
        row(columns, {}, true);
      }
      row(columns, cells, false);
    }
    y_ += 6;
  }

 private:
  void row(const std::vector<Column>& columns, const std::vector<std::string>& cells, bool header) {
    auto* cr = cr_.get();
    use_font(cr, 8, header);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    y_ += kRowHeight;
    double x = kMargin;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto& words = header ? columns[i].heading : (i < cells.size() ? cells[i] : std::string());
      const auto shown = fitted(cr, words, columns[i].width - 6);
      cairo_text_extents_t extents;
      cairo_text_extents(cr, shown.c_str(), &extents);
      const double left = columns[i].align == Align::right ? x + columns[i].width - 6 - extents.x_advance : x;
      cairo_move_to(cr, left, y_ - 3);
      cairo_show_text(cr, shown.c_str());
      x += columns[i].width;
    }
    if (header) {
      cairo_set_line_width(cr, 0.5);
      cairo_move_to(cr, kMargin, y_ + 1);
      cairo_line_to(cr, kMargin + kContentWidth, y_ + 1);
      cairo_stroke(cr);
    }
  }

  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface_;
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr_;
  double y_ = kMargin;
};

std::vector<std::vector<std::string>> group_rows(const std::vector<GroupRow>& groups) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& group : groups) {
    rows.push_back({group.key.empty() ? "(none)" : group.key, std::to_string(group.posts), optional_number(group.likes),
                    optional_number(group.shares), optional_number(group.replies),
                    optional_number(group.engagement_per_post(), 1)});
  }
  return rows;
}

const std::vector<Column> kGroupColumns{{"", 195},
                                        {"Posts", 60, Align::right},
                                        {"Likes", 60, Align::right},
                                        {"Shares", 60, Align::right},
                                        {"Replies", 60, Align::right},
                                        {"Per post", 80, Align::right}};

std::vector<Column> group_columns(const std::string& first) {
  auto columns = kGroupColumns;
  columns[0].heading = first;
  return columns;
}

}  // namespace

void write_pdf(const Report& report, const std::string& title, const std::filesystem::path& file) {
  PdfWriter pdf(file);
  pdf.line(title, 18, true);
  pdf.line(local_day(report.from, report.zone) + " – " +
               local_day(report.to - std::chrono::milliseconds(1), report.zone) + " (" + report.zone + ")" +
               (report.segment.empty() ? std::string() : "   segment: " + report.segment),
           10);

  pdf.heading("Accounts");
  std::vector<std::vector<std::string>> accounts;
  for (const auto& a : report.accounts) {
    accounts.push_back({a.handle, optional_number(a.followers_end), optional_number(a.follower_growth),
                        std::to_string(a.posts), optional_number(a.likes), optional_number(a.shares),
                        optional_number(a.replies), optional_number(a.engagement_per_thousand, 2),
                        optional_number(a.median_first_answer_minutes, 0)});
  }
  pdf.table({{"Account", 135},
             {"Followers", 52, Align::right},
             {"Growth", 45, Align::right},
             {"Posts", 38, Align::right},
             {"Likes", 42, Align::right},
             {"Shares", 42, Align::right},
             {"Replies", 44, Align::right},
             {"Per 1,000", 50, Align::right},
             {"Answer min", 67, Align::right}},
            accounts);
  const auto axis = time_axis(report);
  pdf.chart(line_chart("Followers", report.followers, axis, kContentWidth, 230));
  pdf.chart(line_chart("Likes of the posts published", report.likes, axis, kContentWidth, 230));
  pdf.chart(line_chart("Likes per audience segment", report.likes_by_segment, axis, kContentWidth, 230));
  pdf.chart(bar_chart("Engagement by audience segment", report.by_segment, kContentWidth, 220));
  pdf.chart(
      heatmap_chart("Best time to post (engagement per post, the last year)", report.best_times, kContentWidth, 190));

  pdf.heading("Top posts");
  std::vector<std::vector<std::string>> top;
  for (const auto& post : report.top_posts) {
    top.push_back({bucket_label(post.published_at, Granularity::day), post.account, post.text,
                   optional_number(post.likes), optional_number(post.shares), optional_number(post.replies),
                   optional_number(post.per_thousand, 2)});
  }
  pdf.table({{"Published", 62},
             {"Account", 90},
             {"Post", 185},
             {"Likes", 38, Align::right},
             {"Shares", 40, Align::right},
             {"Replies", 42, Align::right},
             {"Per 1,000", 58, Align::right}},
            top);
  pdf.heading("By audience segment");
  pdf.table(group_columns("Segment"), group_rows(report.by_segment));
  pdf.heading("By template");
  pdf.table(group_columns("Template"), group_rows(report.by_template));
  pdf.heading("By language");
  pdf.table(group_columns("Language"), group_rows(report.by_language));

  pdf.heading("Time to first answer");
  std::vector<std::vector<std::string>> weeks;
  for (const auto& week : report.answer_times) {
    weeks.push_back({week.account, "week " + std::to_string(week.iso_week) + " " + std::to_string(week.iso_year),
                     std::to_string(week.answered), std::to_string(week.unanswered),
                     optional_number(week.median_minutes, 0)});
  }
  pdf.table({{"Account", 175},
             {"Week", 100},
             {"Answered", 80, Align::right},
             {"Waiting", 80, Align::right},
             {"Median min", 80, Align::right}},
            weeks);

  pdf.heading("Moderation");
  std::vector<std::vector<std::string>> moderation;
  for (const auto& row : report.moderation) {
    moderation.push_back(
        {row.account, row.category, row.action, std::to_string(row.items), std::to_string(row.hidden)});
  }
  pdf.table({{"Account", 175},
             {"Category", 100},
             {"Action", 100},
             {"Comments", 70, Align::right},
             {"Hidden", 70, Align::right}},
            moderation);
  pdf.finish(file);
}

}  // namespace kanal::reports

#if defined(__SANITIZE_ADDRESS__)
// cairo's fonts come from fontconfig, which keeps its caches until the
// process ends: not a leak of ours (LeakSanitizer reads this hook).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig\n"; }
#endif
