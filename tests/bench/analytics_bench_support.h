#pragma once
// What the analytics benchmarks share (analytics_bench, analytics_view_bench):
// their command-line options, timing, and the workspace they measure.
//
// The workspace (analytics_bench,
// analytics_view_bench): an agency's accounts, each read hourly for a number
// of days as kanald's collector reads them — followers, following and posts
// through MetricsRepository::record_account, which keeps the hour, day and
// week rollups up to date on each reading, a transaction per account-day —
// and two published posts per account per day with their figures (plain SQL,
// as the collector's tables end up). The random seed is fixed: the same
// accounts, days and start give the same workspace, so runs compare.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::bench {

// `--name N` from the command line, or `fallback`.
std::int64_t option(int argc, char** argv, const std::string& name, std::int64_t fallback);

double ms_since(std::chrono::steady_clock::time_point start);

// Median and first of the runs' timings: the first shows what a cold cache costs.
struct Timing {
  double median_ms = 0, first_ms = 0;
};
Timing summarise(std::vector<double> ms);

struct SeededWorkspace {
  Timestamp from, to;  // the seeded days: [from, to)
  std::vector<Account> accounts;
  // Each account's followers at its first reading and its last, as read: what a report is held against.
  std::vector<std::int64_t> first_followers, last_followers;
  std::int64_t readings = 0;  // followers, following and posts readings written
  double ingest_ms = 0;       // the time writing them took
  std::size_t posts = 0;      // published posts, each with its outbox row and its figures
  double posts_ms = 0;        // the time writing them took
};

// Seeds `database` (migrated, kanald stopped) with `accounts` accounts read
// hourly for `days` days from `from` (a day's start, UTC).
SeededWorkspace seed_analytics_workspace(store::Database& database, std::size_t accounts, std::int64_t days,
                                         Timestamp from);

// What seeding took, as the benchmarks print it: readings per second, then the posts.
void print_seeding(const SeededWorkspace& seeded);

}  // namespace kanal::bench
