#include "api/server/audit_endpoints.h"

#include "api/wire/audit.h"
#include "core/error.h"
#include "store/audit_repository.h"
#include "store/viewer.h"

namespace kanal::api {
namespace {

constexpr int kDefaultPage = 200;
constexpr int kMaxPage = 1000;
constexpr int kMaxExport = 1'000'000;  // events in one export

Timestamp time_parameter(const Request& request, const std::string& name) {
  const auto text = request.query_value(name);
  const auto at = text ? parse_iso8601(*text) : std::nullopt;
  if (!at) throw Error(ErrorCode::invalid_input, name + " must be an RFC 3339 time such as 2026-11-01T00:00:00Z", name);
  return *at;
}

store::AuditQuery query_of(const Request& request) {
  store::AuditQuery query;
  if (request.query_value("from")) query.from = time_parameter(request, "from");
  if (request.query_value("to")) query.to = time_parameter(request, "to");
  if (auto actor = request.query_positive("actor")) query.actor = UserId{*actor};
  query.action = request.query_value("action").value_or("");
  query.object_type = request.query_value("object_type").value_or("");
  query.object_id = request.query_positive("object_id");
  query.after_seq = request.query_positive("after");
  return query;
}

// How many events of the period's whole days are withheld from `hidden`'s
// viewer — over whole days and no other filter, so the count cannot be
// narrowed to tell whether a closed post exists, or when it was published.
std::int64_t withheld_in_period(Poco::Data::Session& session, const store::AuditQuery& asked) {
  store::AuditQuery days;
  days.hidden = asked.hidden;
  const auto day_of = [](Timestamp at) { return std::chrono::floor<std::chrono::days>(at); };
  if (asked.from) days.from = day_of(*asked.from);
  if (asked.to) days.to = day_of(*asked.to - std::chrono::milliseconds(1)) + std::chrono::days(1);
  return store::AuditRepository(session).count_withheld(days);
}

}  // namespace

void add_audit_endpoints(Router& router, store::Database& db, AuditAnchoring anchoring) {
  router.add("GET", "/api/v1/audit", Permission::audit, [&db](const Request& request) {
    auto query = query_of(request);
    const auto hidden = [&](Poco::Data::Session& s) { return store::Viewer(s, request.user).hidden_events_sql(); };
    const auto format = request.query_value("format").value_or("json");
    if (format == "jsonl" || format == "csv") {
      // A records request: the whole period, every field, each version's content in its detail.
      query.limit = kMaxExport;
      std::int64_t withheld = 0;
      const auto events = db.read([&](Poco::Data::Session& s) {
        query.hidden = hidden(s);
        withheld = withheld_in_period(s, query);
        return store::AuditRepository(s).find(query);
      });
      Response response;
      response.headers[wire::kWithheldHeader] = std::to_string(withheld);
      response.status = 200;
      response.content_type = format == "csv" ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";
      response.body = format == "csv" ? wire::to_csv(events) : wire::to_jsonl(events);
      return response;
    }
    if (format != "json") throw Error(ErrorCode::invalid_input, "format is json, jsonl or csv", "format");
    const auto limit = request.query_positive("limit").value_or(kDefaultPage);
    if (limit > kMaxPage) {
      throw Error(ErrorCode::invalid_input, "limit must be at most " + std::to_string(kMaxPage), "limit");
    }
    query.limit = static_cast<int>(limit) + 1;  // one more tells whether there is a next page
    wire::AuditPage page;
    auto events = db.read([&](Poco::Data::Session& s) {
      query.hidden = hidden(s);
      page.withheld = withheld_in_period(s, query);
      return store::AuditRepository(s).find(query);
    });
    if (static_cast<std::int64_t>(events.size()) > limit) {
      events.pop_back();
      page.next_after = events.back().seq;
    }
    page.events = std::move(events);
    return Response::json(200, wire::to_json(page));
  });

  router.add("GET", "/api/v1/audit/verify", Permission::audit, [&db](const Request&) {
    const auto check = db.read([](Poco::Data::Session& s) { return store::AuditRepository(s).verify(); });
    return Response::json(200, wire::to_json(check));
  });

  router.add("POST", "/api/v1/audit/verify", Permission::audit, [&db, anchoring](const Request& request) {
    const auto anchor = wire::parse_audit_anchor(request.body);
    const auto check = db.read([&](Poco::Data::Session& s) { return store::verify_against(s, anchoring.key, anchor); });
    return Response::json(200, wire::to_json(check));
  });

  router.add("POST", "/api/v1/audit/anchors", Permission::audit,
             [anchoring](const Request&) { return Response::json(201, wire::to_json(anchoring.anchor_now())); });
}

}  // namespace kanal::api
