#pragma once
// /api/v1 shapes of analytics: a period's report (GET /api/v1/analytics),
// what a collection round read (POST /api/v1/analytics/collect), and a
// published post's current likes, shares and replies per account
// (GET /api/v1/posts/{id}/figures). A figure the network does not give is
// null, never 0.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "reports/report.h"

namespace kanal::wire {

// What GET /api/v1/analytics is asked for.
struct AnalyticsQuery {
  Timestamp from, to;               // [from, to)
  std::vector<AccountId> accounts;  // empty: every account
  std::string segment;              // empty: every audience segment
  std::string zone = "UTC";         // whose days `from` and `to` are, and the best-time heatmap's
  std::string granularity;          // hour, day, week; empty: by the period's length
};
// "from=…&to=…&accounts=1,2…", encoded.
std::string to_query(const AnalyticsQuery& query);

std::string to_json(const reports::Report& report);
reports::Report parse_report(std::string_view body);

struct CollectionInfo {
  int accounts_read = 0, posts_read = 0;
  std::vector<std::string> problems;
};
std::string to_json(const CollectionInfo& info);
CollectionInfo parse_collection_info(std::string_view body);

struct PostFiguresInfo {
  AccountId account;
  std::string url;
  Timestamp published_at;
  std::optional<Timestamp> read_at;
  std::optional<std::int64_t> likes, shares, replies, impressions;
  bool gone = false;
};
std::string to_json(const std::vector<PostFiguresInfo>& figures);
std::vector<PostFiguresInfo> parse_post_figures(std::string_view body);

// GET/PUT /api/v1/settings/reports: where the monthly report is written.
struct ReportSettingsInfo {
  std::string folder;  // empty: none
  std::string zone = "UTC";
};
std::string to_json(const ReportSettingsInfo& settings);
ReportSettingsInfo parse_report_settings(std::string_view body);

}  // namespace kanal::wire
