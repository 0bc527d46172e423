// A report's charts, CSV, wire form and PDF: what is plotted is what the
// report holds (gaps where a figure was not available, never a fall to 0),
// hovering names the value, CSV quotes what it must, the JSON round-trips
// and refuses what is not a report, a PDF that cannot be written says so.
#include <catch2/catch.hpp>

#include "api/wire/analytics.h"
#include "core/error.h"
#include "reports/chart.h"
#include "reports/report_csv.h"
#include "reports/report_pdf.h"
#include "support/temp_dir.h"

using namespace kanal;
using namespace kanal::reports;
using namespace std::chrono_literals;

namespace {

const Timestamp kFrom = *parse_iso8601("2026-11-01T00:00:00Z");

Report sample_report() {
  Report report;
  report.from = kFrom;
  report.to = kFrom + 24h * 7;
  report.zone = "Europe/Stockholm";
  report.granularity = Granularity::day;
  AccountSummary account;
  account.account_id = 3;
  account.handle = "@agency@social.example";
  account.network = "mastodon";
  account.followers_start = 1000;
  account.followers_end = 1040;
  account.follower_growth = 40;
  account.posts = 2;
  account.likes = 30;
  account.shares = 4;
  account.replies = 6;
  account.engagement_per_thousand = 19.23;
  report.accounts.push_back(account);
  Series followers{"@agency@social.example", {}};
  for (int day = 0; day < 7; ++day) {
    followers.points.push_back(
        {kFrom + 24h * day, day == 3 ? std::nullopt : std::optional<double>(1000 + day * 7)});  // not given on day 3
  }
  report.followers.push_back(followers);
  report.by_segment = {{"families", 2, 30, 4, 6}, {"carers", 1, 2, 0, 1}};
  TopPost post;
  post.post_id = 9;
  post.account = "@agency@social.example";
  post.text = "Barnbidraget betalas ut, \"25 mars\"\nLäs mer";
  post.published_at = kFrom + 9h;
  post.likes = 20;
  post.shares = std::nullopt;
  post.engagement = 20;
  report.top_posts.push_back(post);
  report.best_times.posts[0][9] = 2;
  report.best_times.engagement_per_post[0][9] = 20;
  report.moderation.push_back({"@agency@social.example", "threat", "hide", 1, 1});
  return report;
}

}  // namespace

TEST_CASE("a line chart plots what the report holds, with a gap where a figure was not available") {
  const auto report = sample_report();
  const auto drawing = line_chart("Followers", report.followers, time_axis(report), 600, 300);
  REQUIRE(drawing.plotted.size() == 1);
  CHECK(drawing.plotted[0].values.size() == 6);  // day 3 is left out, not drawn as 0
  for (const auto& [at, value] : drawing.plotted[0].values) CHECK(value >= 1000);
  std::size_t lines = 0;
  for (const auto& shape : drawing.shapes) {
    if (shape.kind == Shape::Kind::polyline && shape.line_width > 1) ++lines;
  }
  CHECK(lines == 2);  // days 0–2 and 4–6: the line breaks at the gap

  // Hovering over the last point names it and its value.
  const auto& last = drawing.hotspots.back();
  const auto label = drawing.label_at(last.area.x + last.area.width / 2, last.area.y + 1);
  CHECK(label == "@agency@social.example, 7 Nov 2026: 1042");
  CHECK(drawing.label_at(-5, -5).empty());

  // The time axis spans the whole period, whatever was read.
  const auto axis = time_axis(report);
  CHECK(axis.first == kFrom);
  CHECK(axis.last == kFrom + 24h * 6);

  const auto empty = line_chart("Followers", {}, axis, 600, 300);
  CHECK(empty.plotted.empty());
  CHECK(std::any_of(empty.shapes.begin(), empty.shapes.end(),
                    [](const Shape& shape) { return shape.text == "No figures for this period yet"; }));
}

TEST_CASE("bars and the heatmap say their figures on hover") {
  const auto report = sample_report();
  const auto bars = bar_chart("Engagement by audience segment", report.by_segment, 500, 260);
  REQUIRE(bars.plotted.size() == 2);
  CHECK(bars.plotted[0].name == "families");
  CHECK(bars.plotted[0].values.at(0).second == 40);
  CHECK(bars.hotspots.at(0).label == "families: 2 posts, 30 likes, 4 shares, 6 replies");

  const auto heat = heatmap_chart("Best time to post", report.best_times, 700, 220);
  REQUIRE(heat.hotspots.size() == 7 * 24);
  CHECK(heat.hotspots[9].label == "Mon 09:00 — 2 posts, 20.0 likes, shares and replies per post");
  CHECK(heat.hotspots[10].label == "Mon 10:00 — 0 posts, 0.0 likes, shares and replies per post");
}

TEST_CASE("the CSV has one figure a row, quotes what it must, and leaves what was not given empty") {
  const auto csv = to_csv(sample_report());
  CHECK(csv.rfind("section,account,key,at,metric,value\r\n", 0) == 0);
  CHECK(csv.find("account,@agency@social.example,,,follower_growth,40\r\n") != std::string::npos);
  CHECK(csv.find("followers,@agency@social.example,,2026-11-04T00:00:00.000Z,followers,\r\n") != std::string::npos);
  CHECK(csv.find("top_post,@agency@social.example,9,2026-11-01T09:00:00.000Z,text,"
                 "\"Barnbidraget betalas ut, \"\"25 mars\"\"\nLäs mer\"\r\n") != std::string::npos);
  CHECK(csv.find("top_post,@agency@social.example,9,2026-11-01T09:00:00.000Z,shares,\r\n") != std::string::npos);
  CHECK(csv.find("moderation,@agency@social.example,threat/hide,,hidden,1\r\n") != std::string::npos);
  CHECK(csv.find("best_times,,mon 09:00,,posts,2\r\n") != std::string::npos);
}

TEST_CASE("a report survives the wire, and what is not a report is refused") {
  const auto report = sample_report();
  const auto back = wire::parse_report(wire::to_json(report));
  CHECK(back.from == report.from);
  CHECK(back.zone == "Europe/Stockholm");
  REQUIRE(back.accounts.size() == 1);
  CHECK(back.accounts[0].follower_growth == 40);
  CHECK(back.accounts[0].impressions == std::nullopt);
  REQUIRE(back.followers.at(0).points.size() == 7);
  CHECK_FALSE(back.followers[0].points[3].value.has_value());
  CHECK(back.top_posts.at(0).shares == std::nullopt);
  CHECK(back.top_posts.at(0).text == report.top_posts[0].text);
  CHECK(back.best_times.posts[0][9] == 2);
  CHECK(back.by_segment.at(1).key == "carers");
  CHECK(to_csv(back) == to_csv(report));

  CHECK_THROWS_AS(wire::parse_report("{not json"), Error);
  CHECK_THROWS_AS(wire::parse_report("[]"), Error);
  CHECK_THROWS_AS(wire::parse_report(R"({"from":"yesterday","to":"2026-11-02T00:00:00Z"})"), Error);
  CHECK_THROWS_AS(
      wire::parse_report(
          R"({"from":"2026-11-01T00:00:00Z","to":"2026-11-02T00:00:00Z","best_times":[{"weekday":9,"hour":1}]})"),
      Error);
}

TEST_CASE("a PDF that cannot be written is an error that names the file") {
  test::TempDir dir;
  const auto pdf = dir.path() / "report.pdf";
  write_pdf(sample_report(), "Social media report", pdf);
  CHECK(std::filesystem::file_size(pdf) > 1000);
  CHECK_THROWS_WITH(write_pdf(sample_report(), "Social media report", dir.path() / "missing" / "report.pdf"),
                    Catch::Contains("missing/report.pdf"));
}
