#include "api/server/analytics_endpoints.h"

#include <charconv>

#include "api/wire/analytics.h"
#include "core/error.h"
#include "metrics/measures.h"
#include "metrics/monthly_report.h"
#include "store/audit_repository.h"
#include "store/metrics_repository.h"
#include "store/viewer.h"

namespace kanal::api {
namespace {

metrics::ReportRequest report_request(const Request& request) {
  metrics::ReportRequest wanted;
  const auto from = request.query_time("from");
  const auto to = request.query_time("to");
  if (!from || !to) throw Error(ErrorCode::invalid_input, "from and to are required (RFC 3339 times)", "from");
  if (*to - *from > std::chrono::hours(24 * 366 * 5)) {
    throw Error(ErrorCode::invalid_input, "a report covers at most five years", "to");
  }
  wanted.from = *from;
  wanted.to = *to;
  if (auto accounts = request.query_value("accounts"); accounts && !accounts->empty()) {
    std::size_t start = 0;
    while (start <= accounts->size()) {
      const auto end = std::min(accounts->find(',', start), accounts->size());
      std::int64_t id = 0;
      const auto [past, ec] = std::from_chars(accounts->data() + start, accounts->data() + end, id);
      if (ec != std::errc{} || past != accounts->data() + end || id <= 0) {
        throw Error(ErrorCode::invalid_input, "accounts is a comma-separated list of account ids", "accounts");
      }
      wanted.accounts.push_back(AccountId{id});
      start = end + 1;
    }
  }
  wanted.segment = request.query_value("segment").value_or("");
  if (auto zone = request.query_value("zone"); zone && !zone->empty()) wanted.zone = *zone;
  if (auto granularity = request.query_value("granularity"); granularity && !granularity->empty()) {
    wanted.granularity = reports::parse_granularity(*granularity);
    if (!wanted.granularity) throw Error(ErrorCode::invalid_input, "granularity is hour, day or week", "granularity");
  }
  return wanted;
}

}  // namespace

void add_analytics_endpoints(Router& router, store::Database& db, metrics::MetricsCollector& collector,
                             const Clock& clock) {
  router.add("GET", "/api/v1/analytics", Permission::read, [&db](const Request& request) {
    auto wanted = report_request(request);
    const auto report = db.read([&](Poco::Data::Session& session) {
      store::Viewer viewer(session, request.user);
      wanted.closed = viewer.closed_accounts();
      wanted.closed_inboxes = viewer.closed_inboxes();
      wanted.hidden_posts = viewer.hidden_posts();
      return metrics::build_report(session, wanted);
    });
    return Response::json(200, wire::to_json(report));
  });

  router.add("POST", "/api/v1/analytics/collect", Permission::draft, [&collector](const Request&) {
    const auto round = collector.collect_now(std::chrono::seconds(15));  // a person is waiting
    return Response::json(200,
                          wire::to_json(wire::CollectionInfo{round.accounts_read, round.posts_read, round.problems}));
  });

  router.add("GET", "/api/v1/posts/{id}/figures", Permission::read, [&db](const Request& request) {
    const PostId post{request.path_id("id", "post")};
    const auto rows =
        db.read([&](Poco::Data::Session& session) { return store::MetricsRepository(session).figures_of(post); });
    std::vector<wire::PostFiguresInfo> out;
    for (const auto& row : rows) {
      out.push_back({row.account, row.url, row.published_at, row.read_at, row.likes, row.shares, row.replies,
                     row.impressions, row.gone});
    }
    return Response::json(200, wire::to_json(out));
  });

  router.add("GET", "/api/v1/settings/reports", Permission::read, [&db](const Request&) {
    const auto settings =
        db.read([](Poco::Data::Session& session) { return metrics::monthly_report_settings(session); });
    return Response::json(200, wire::to_json(wire::ReportSettingsInfo{settings.folder, settings.zone}));
  });

  router.add("PUT", "/api/v1/settings/reports", Permission::admin, [&db, &clock, &collector](const Request& request) {
    const auto body = wire::parse_report_settings(request.body);
    db.transact([&](Poco::Data::Session& session) {
      metrics::save_monthly_report_settings(session, metrics::MonthlyReportSettings{body.folder, body.zone});
      store::AuditRepository(session).append(
          AuditEvent{0, clock.now(), request.user, "settings.reports", "settings", 0, wire::to_json(body)});
    });
    collector.wake();  // a month already over is written now
    return Response::json(200, wire::to_json(body));
  });
}

}  // namespace kanal::api
