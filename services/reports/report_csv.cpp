#include "reports/report_csv.h"

#include <cstdlib>
#include <fstream>
#include <string_view>

#include "core/error.h"
#include "reports/chart.h"

namespace kanal::reports {
namespace {

// A post's text that a spreadsheet would run as a formula ("=…", "+…",
// "-…", "@…") is written as text; a number stays a number.
std::string inert(const std::string& text) {
  if (text.empty() || std::string_view("=+-@").find(text.front()) == std::string_view::npos) return text;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() ? text : "'" + text;
}

std::string field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

class Writer {
 public:
  void row(const std::string& section, const std::string& account, const std::string& key, const std::string& at,
           const std::string& metric, const std::string& value) {
    out_ += field(section) + "," + field(account) + "," + field(key) + "," + field(at) + "," + field(metric) + "," +
            field(value) + "\r\n";
  }
  void row(const std::string& section, const std::string& account, const std::string& key, const std::string& at,
           const std::string& metric, std::optional<double> value, int decimals = 0) {
    row(section, account, key, at, metric, value ? format_number(*value, decimals) : std::string());
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_ = "section,account,key,at,metric,value\r\n";
};

std::optional<double> as_double(const std::optional<std::int64_t>& value) {
  return value ? std::optional<double>(double(*value)) : std::nullopt;
}

void groups(Writer& csv, const std::string& section, const std::vector<GroupRow>& rows) {
  for (const auto& row : rows) {
    csv.row(section, "", row.key, "", "posts", double(row.posts));
    csv.row(section, "", row.key, "", "likes", as_double(row.likes));
    csv.row(section, "", row.key, "", "shares", as_double(row.shares));
    csv.row(section, "", row.key, "", "replies", as_double(row.replies));
    csv.row(section, "", row.key, "", "engagement_per_post", row.engagement_per_post(), 2);
  }
}

void series(Writer& csv, const std::string& section, const std::string& metric, const std::vector<Series>& all) {
  for (const auto& one : all) {
    for (const auto& point : one.points) csv.row(section, one.name, "", to_iso8601(point.at), metric, point.value);
  }
}

}  // namespace

std::string to_csv(const Report& report) {
  Writer csv;
  csv.row("period", "", "", to_iso8601(report.from), "from", "");
  csv.row("period", "", "", to_iso8601(report.to), "to", "");
  for (const auto& account : report.accounts) {
    const auto& a = account.handle;
    csv.row("account", a, "", "", "followers_start", as_double(account.followers_start));
    csv.row("account", a, "", "", "followers_end", as_double(account.followers_end));
    csv.row("account", a, "", "", "follower_growth", as_double(account.follower_growth));
    csv.row("account", a, "", "", "posts", double(account.posts));
    csv.row("account", a, "", "", "likes", as_double(account.likes));
    csv.row("account", a, "", "", "shares", as_double(account.shares));
    csv.row("account", a, "", "", "replies", as_double(account.replies));
    csv.row("account", a, "", "", "impressions", as_double(account.impressions));
    csv.row("account", a, "", "", "engagement_per_post_per_1000_followers", account.engagement_per_thousand, 2);
    csv.row("account", a, "", "", "median_first_answer_minutes", account.median_first_answer_minutes, 1);
    csv.row("account", a, "", "", "answered", double(account.answered));
    csv.row("account", a, "", "", "unanswered", double(account.unanswered));
  }
  series(csv, "followers", "followers", report.followers);
  series(csv, "likes", "likes", report.likes);
  series(csv, "likes_by_segment", "likes", report.likes_by_segment);
  for (const auto& post : report.top_posts) {
    const auto key = std::to_string(post.post_id);
    const auto at = to_iso8601(post.published_at);
    csv.row("top_post", post.account, key, at, "text", inert(post.text));
    csv.row("top_post", post.account, key, at, "likes", as_double(post.likes));
    csv.row("top_post", post.account, key, at, "shares", as_double(post.shares));
    csv.row("top_post", post.account, key, at, "replies", as_double(post.replies));
    csv.row("top_post", post.account, key, at, "impressions", as_double(post.impressions));
    csv.row("top_post", post.account, key, at, "per_1000_followers", post.per_thousand, 2);
  }
  groups(csv, "by_segment", report.by_segment);
  groups(csv, "by_template", report.by_template);
  groups(csv, "by_language", report.by_language);
  groups(csv, "by_account", report.by_account);
  for (const auto& week : report.answer_times) {
    const auto key =
        std::to_string(week.iso_year) + "-W" + (week.iso_week < 10 ? "0" : "") + std::to_string(week.iso_week);
    csv.row("answer_times", week.account, key, "", "median_first_answer_minutes", week.median_minutes, 1);
    csv.row("answer_times", week.account, key, "", "answered", double(week.answered));
    csv.row("answer_times", week.account, key, "", "unanswered", double(week.unanswered));
  }
  for (const auto& row : report.moderation) {
    const auto key = row.category + "/" + row.action;
    csv.row("moderation", row.account, key, "", "items", double(row.items));
    csv.row("moderation", row.account, key, "", "hidden", double(row.hidden));
  }
  static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (int d = 0; d < 7; ++d) {
    for (int h = 0; h < 24; ++h) {
      if (report.best_times.posts[d][h] == 0) continue;
      const auto key = std::string(kDays[d]) + " " + (h < 10 ? "0" : "") + std::to_string(h) + ":00";
      csv.row("best_times", "", key, "", "posts", double(report.best_times.posts[d][h]));
      csv.row("best_times", "", key, "", "engagement_per_post", report.best_times.engagement_per_post[d][h], 2);
    }
  }
  return csv.take();
}

void write_csv(const Report& report, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << to_csv(report);
  out.close();
  if (!out) throw Error(ErrorCode::unavailable, "cannot write the report to " + file.string());
}

}  // namespace kanal::reports
