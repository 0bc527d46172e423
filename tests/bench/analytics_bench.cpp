// Benchmark (not a timed test) of analytics: the time to compute a one-year
// report for 20 accounts read hourly.
//   1. ingest: a year of hourly readings of followers, following and posts
//      per account, written as kanald's collector writes them
//      (MetricsRepository::record_account, which keeps the hour, day and week
//      rollups up to date on each reading), one transaction per
//      account-day, in readings per second; then two published posts per
//      account per day with their figures (plain SQL, as the collector's
//      tables end up) — the workspace of analytics_seed.h;
//   2. metrics::build_report in process: the year (weeks, as chosen by its
//      length), the year by day, one month (the last 31 days: December
//      2025 with the defaults; days) — median of 5; and what the year's
//      two largest reads cost on their own (the posts, the rollups);
//   3. the year's report written as PDF and CSV, with the files' sizes;
//   4. the same reports through kanald: GET /api/v1/analytics — median of 5.
//   analytics_bench [--accounts N] [--days N] [--keep DIR]   (defaults 20 and 365;
//   --keep leaves the PDF and CSV in DIR to look at)
// The database is SQLite, or PostgreSQL under KANAL_TEST_DATABASE=postgresql
// (the cluster the `postgres` CTest fixture starts).
#include <Poco/Data/Session.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "analytics/rollups.h"
#include "analytics_bench_support.h"
#include "api/client/api_client.h"
#include "api/wire/analytics.h"
#include "metrics/measures.h"
#include "reports/report_csv.h"
#include "reports/report_pdf.h"
#include "store/metrics_repository.h"
#include "store/migrations.h"
#include "support/kanald_process.h"
#include "support/temp_dir.h"

using namespace kanal;
using namespace kanal::bench;
using Steady = std::chrono::steady_clock;

namespace {

// A fixed year, so runs compare; --days 365 ends it on 1 January 2026.
const Timestamp kFrom = *parse_iso8601("2025-01-01T00:00:00Z");

Timing timed(int runs, const std::function<void()>& run) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Steady::now();
    run();
    ms.push_back(ms_since(start));
  }
  return summarise(std::move(ms));
}

void print_row(const std::string& label, const Timing& timing, const std::string& extra = "") {
  std::printf("  %-40s %8.1f ms  (first %.1f ms)%s\n", label.c_str(), timing.median_ms, timing.first_ms, extra.c_str());
}

std::uintmax_t size_or_zero(const std::filesystem::path& file) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  return error ? 0 : size;
}

}  // namespace

int main(int argc, char** argv) {
  const auto account_count = static_cast<std::size_t>(std::max<std::int64_t>(1, option(argc, argv, "--accounts", 20)));
  const auto days = std::max<std::int64_t>(1, option(argc, argv, "--days", 365));
  const Timestamp to = kFrom + std::chrono::days(days);

  // Nothing is read from the networks meanwhile (the accounts have no
  // credentials anyway): the report answers from what is seeded.
  test::KanaldProcess kanald({"--inbox-sync-s", "3600", "--metrics-every-s", "3600", "--account-check-s", "3600"});
  // Seeded with kanald stopped, so its start-up round does not compete with the ingest.
  kanald.stop();
  auto db = kanald.database().open();
  store::migrate(*db);
  std::printf("database: %s; %zu accounts, %lld days from %s\n",
              kanald.database().is_postgresql() ? "postgresql" : "sqlite", account_count, static_cast<long long>(days),
              to_iso8601(kFrom).c_str());

  const auto seeded = bench::seed_analytics_workspace(*db, account_count, days, kFrom);
  const auto& accounts = seeded.accounts;
  bench::print_seeding(seeded);
  if (!kanald.database().is_postgresql()) {
    const std::filesystem::path file = kanald.database().url().substr(7);
    std::printf("SQLite file after seeding: %.1f MB (with its WAL)\n",
                static_cast<double>(size_or_zero(file) + size_or_zero(file.string() + "-wal")) / 1e6);
  }

  // 2. The report in process, as kanald's endpoint computes it.
  metrics::ReportRequest year;
  year.from = kFrom;
  year.to = to;
  metrics::ReportRequest year_by_day = year;
  year_by_day.granularity = reports::Granularity::day;
  metrics::ReportRequest month = year;
  month.from = to - std::chrono::days(std::min<std::int64_t>(days, 31));
  const auto build = [&](const metrics::ReportRequest& request) {
    return db->read([&](Poco::Data::Session& session) { return metrics::build_report(session, request); });
  };
  reports::Report report;
  const auto in_process = timed(5, [&] { report = build(year); });
  // A report with nothing in it would be fast for the wrong reason.
  if (report.accounts.size() != accounts.size() || report.followers.empty() || report.followers[0].points.empty() ||
      report.top_posts.empty()) {
    std::fprintf(stderr, "the period's report is missing figures: %zu accounts, %zu top posts\n",
                 report.accounts.size(), report.top_posts.size());
    return 1;
  }
  std::int64_t report_posts = 0;
  for (const auto& summary : report.accounts) report_posts += summary.posts;
  const auto& last = report.accounts.back();
  std::printf(
      "the period's report: %s granularity, %zu accounts x %zu follower points (%zu likes points), %lld posts; %s "
      "grew from %lld to %lld followers (read: %lld to %lld)\n",
      std::string(reports::to_string(report.granularity)).c_str(), report.accounts.size(),
      report.followers[0].points.size(), report.likes.empty() ? std::size_t{0} : report.likes[0].points.size(),
      static_cast<long long>(report_posts), last.handle.c_str(),
      static_cast<long long>(last.followers_start.value_or(-1)),
      static_cast<long long>(last.followers_end.value_or(-1)), static_cast<long long>(seeded.first_followers.back()),
      static_cast<long long>(seeded.last_followers.back()));
  const auto by_day = timed(5, [&] { build(year_by_day); });
  const auto one_month = timed(5, [&] { build(month); });
  const auto period_label = "the " + std::to_string(days) + " days, by " +
                            std::string(reports::to_string(report.granularity)) + " (its default)";
  const auto by_day_label = "the " + std::to_string(days) + " days, by day";
  const auto month_label = "the last " + std::to_string(std::min<std::int64_t>(days, 31)) + " days, by day";
  std::printf("metrics::build_report in process (median of 5):\n");
  print_row(period_label, in_process);
  print_row(by_day_label, by_day);
  print_row(month_label, one_month);
  // Where the year's time goes: the posts are read twice (the period's, and
  // the year up to its end for the best times), the rollups once per account.
  const auto posts_read = timed(5, [&] {
    db->read([&](Poco::Data::Session& session) { store::MetricsRepository(session).published_between(year.from, to); });
  });
  const auto rollups_read = timed(5, [&] {
    db->read([&](Poco::Data::Session& session) {
      store::MetricsRepository metrics(session);
      for (const auto& account : accounts) {
        metrics.account_series(account.id, "followers", analytics::Period::week, year.from, to);
      }
    });
  });
  print_row("of which: the period's posts, read once", posts_read,
            " (" + std::to_string(seeded.posts) + " rows, MetricsRepository::published_between)");
  print_row("of which: the weekly follower rollups", rollups_read,
            " (" + std::to_string(accounts.size()) + " x MetricsRepository::account_series)");

  // 3. The year's report as the files kanalctl and the monthly report write.
  test::TempDir scratch;
  const auto pdf = scratch.path() / "report.pdf";
  const auto csv = scratch.path() / "report.csv";
  const auto pdf_timing = timed(5, [&] { reports::write_pdf(report, "Social media report 2025", pdf); });
  const auto csv_timing = timed(5, [&] {
    std::ofstream out(csv, std::ios::binary | std::ios::trunc);
    out << reports::to_csv(report);
  });
  std::printf("the period's report written (median of 5): PDF %.1f ms, %.0f kB; CSV %.1f ms, %.0f kB\n",
              pdf_timing.median_ms, static_cast<double>(size_or_zero(pdf)) / 1e3, csv_timing.median_ms,
              static_cast<double>(size_or_zero(csv)) / 1e3);
  // --keep DIR: the PDF and CSV stay there, for a person to look at.
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) != "--keep") continue;
    std::filesystem::copy_file(pdf, std::filesystem::path(argv[i + 1]) / "report.pdf",
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(csv, std::filesystem::path(argv[i + 1]) / "report.csv",
                               std::filesystem::copy_options::overwrite_existing);
  }
  db.reset();

  // 4. Through kanald, as the app's Analytics view asks for it.
  const auto restart = Steady::now();
  kanald.start();
  std::printf("kanald started on the seeded workspace in %.0f ms\n", ms_since(restart));
  client::ApiClient api(kanald.endpoint(), 1, std::chrono::seconds(300));
  api.health().get();  // the connection is open before the first timing
  wire::AnalyticsQuery query;
  query.from = year.from;
  query.to = year.to;
  wire::AnalyticsQuery query_by_day = query;
  query_by_day.granularity = "day";
  wire::AnalyticsQuery query_month = query;
  query_month.from = month.from;
  reports::Report over_http;
  const auto http_year = timed(5, [&] { over_http = api.analytics(query).get(); });
  if (over_http.accounts.size() != accounts.size()) {
    std::fprintf(stderr, "kanald's report has %zu accounts, not %zu\n", over_http.accounts.size(), accounts.size());
    return 1;
  }
  const auto http_by_day = timed(5, [&] { api.analytics(query_by_day).get(); });
  const auto http_month = timed(5, [&] { api.analytics(query_month).get(); });
  std::printf("GET /api/v1/analytics through kanald (median of 5):\n");
  char json_size[64];
  std::snprintf(json_size, sizeof json_size, ", %.0f kB of JSON",
                static_cast<double>(wire::to_json(over_http).size()) / 1e3);
  print_row(period_label, http_year, json_size);
  print_row(by_day_label, http_by_day);
  print_row(month_label, http_month);
  return 0;
}
