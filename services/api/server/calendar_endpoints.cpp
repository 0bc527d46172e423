#include "api/server/calendar_endpoints.h"

#include "api/server/schedule_import.h"
#include "api/server/schedule_info.h"
#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "publishing/schedule_post.h"
#include "scheduling/icalendar.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/metrics_repository.h"
#include "store/post_repository.h"
#include "store/viewer.h"
#include "text/plain_language.h"
#include "workflow/approvals.h"

namespace kanal::api {
namespace {

constexpr std::size_t kTitleLength = 60;

// [from, to) from the query; by default the month before and the year after `now`.
std::pair<Timestamp, Timestamp> period_of(const Request& request, Timestamp now) {
  auto bound = [&](const char* name, Timestamp fallback) {
    const auto text = request.query_value(name);
    if (!text) return fallback;
    const auto at = parse_iso8601(*text);
    if (!at)
      throw Error(ErrorCode::invalid_input, std::string(name) + " must be a time like 2027-01-01T00:00:00Z", name);
    return *at;
  };
  const auto from = bound("from", now - std::chrono::days(31));
  const auto to = bound("to", now + std::chrono::days(366));
  if (to <= from) throw Error(ErrorCode::invalid_input, "to must be after from", "to");
  if (to - from > std::chrono::days(3 * 366))
    throw Error(ErrorCode::invalid_input, "at most three years at once", "to");
  return {from, to};
}

// The scheduled posts of [from, to) that `reader` may see.
std::vector<wire::CalendarEntry> calendar_between(Poco::Data::Session& session, const workflow::Policy& policy,
                                                  Timestamp from, Timestamp to, UserId reader) {
  store::Viewer viewer(session, reader);
  std::vector<wire::CalendarEntry> entries;
  store::PostRepository posts(session);
  workflow::Approvals approvals(session, policy);
  for (const auto& entry : store::ScheduleRepository(session).between(from, to)) {
    if (entry.state == store::ScheduleState::cancelled) continue;
    const auto post = posts.find(entry.post);
    if (!post || !viewer.sees_post(post->id)) continue;
    auto info = info_of(entry);
    if (entry.state == store::ScheduleState::scheduled) {
      try {
        approvals.require_cleared(*post, entry.accounts, entry.scheduled_by);
      } catch (const Error& e) {
        // Whatever stands in its way (an approval, an account gone, a right
        // withdrawn) is said on the entry; the calendar still shows.
        info.approval_note = e.detail();
      }
    }
    entries.push_back(wire::CalendarEntry{std::move(info), utf8::preview(post->text, kTitleLength),
                                          std::string(to_string(post->state))});
  }
  return entries;
}

std::string state_in_words(const wire::CalendarEntry& entry) {
  if (entry.schedule.state == "held") return "held: " + entry.schedule.reason;
  if (!entry.schedule.approval_note.empty()) return "awaiting approval";
  if (entry.schedule.state == "queued") return entry.post_state;
  return "scheduled";
}

// A published post's current likes, shares and replies over its accounts.
void add_figures(Poco::Data::Session& session, wire::CalendarEntry& entry) {
  const auto add = [](std::optional<std::int64_t>& sum, const std::optional<std::int64_t>& value) {
    if (value) sum = sum.value_or(0) + *value;
  };
  for (const auto& figures : store::MetricsRepository(session).figures_of(entry.schedule.post)) {
    add(entry.likes, figures.likes);
    add(entry.shares, figures.shares);
    add(entry.replies, figures.replies);
  }
}

}  // namespace

void add_calendar_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents,
                            const Clock& clock) {
  router.add("GET", "/api/v1/schedule", Permission::read, [&db, &documents, &clock](const Request& request) {
    const auto [from, to] = period_of(request, clock.now());
    const auto entries = db.read([&, from = from, to = to](Poco::Data::Session& session) {
      auto found = calendar_between(session, *documents.policy(), from, to, request.user);
      for (auto& entry : found) {
        if (entry.post_state == "published") add_figures(session, entry);
      }
      return found;
    });
    return Response::json(200, wire::to_json(entries));
  });

  router.add("GET", "/api/v1/schedule/ical", Permission::read, [&db, &documents, &clock](const Request& request) {
    const auto now = clock.now();
    const auto [from, to] = period_of(request, now);
    const auto entries = db.read([&, from = from, to = to](Poco::Data::Session& session) {
      return calendar_between(session, *documents.policy(), from, to, request.user);
    });
    std::vector<scheduling::CalendarEvent> events;
    for (const auto& entry : entries) {
      std::string accounts;
      for (const auto account : entry.schedule.accounts) {
        accounts += (accounts.empty() ? "" : ", ") + std::to_string(account.value);
      }
      events.push_back(
          scheduling::CalendarEvent{"post-" + std::to_string(entry.schedule.post.value) + "@kanal",
                                    entry.schedule.due_at, std::chrono::minutes(15), entry.title,
                                    entry.title + "\n\nAccounts: " + accounts + "\nState: " + state_in_words(entry) +
                                        "\nAt " + entry.schedule.at + " " + entry.schedule.zone +
                                        (entry.schedule.series.empty() ? "" : "\nRepeats: " + entry.schedule.series),
                                    state_in_words(entry).substr(0, state_in_words(entry).find(':'))});
    }
    Response response;
    response.status = 200;
    response.content_type = "text/calendar; charset=utf-8";
    response.body = scheduling::to_icalendar(events, now);
    response.headers["Content-Disposition"] = "attachment; filename=\"kanal-schedule.ics\"";
    return response;
  });

  router.add(
      "POST", "/api/v1/schedule/import", Permission::publish,
      [&db, &documents, &clock](const Request& request) {
        const auto now = clock.now();
        const auto templates = documents.templates();
        const auto& catalog = templates->catalog;
        const auto word_lists = documents.word_lists();
        const auto policy = documents.policy();  // one policy for the whole import
        const auto accounts =
            db.read([](Poco::Data::Session& session) { return store::AccountRepository(session).list(); });
        const auto plan = plan_import(request.body, accounts, catalog, now);
        wire::ImportResult result;
        if (!plan.faults.empty()) {
          result.faults = plan.faults;
          Response response = Response::json(422, wire::to_json(result));
          response.content_type = "application/problem+json";
          return response;
        }
        result.imported = db.transact([&](Poco::Data::Session& session) {
          std::vector<wire::ScheduleInfo> imported;
          for (const auto& row : plan.rows) {
            const bool expert = text::states_rights(row.text, row.language, *word_lists);
            const auto post = store::PostRepository(session).create(
                store::NewPost{request.user, row.text, {}, {}, {}, row.language, row.origin, expert}, now);
            store::AuditRepository(session).append(AuditEvent{0, now, request.user, "post.create", "post",
                                                              post.id.value, json::written([&](json::JsonWriter& w) {
                                                                w.StartObject();
                                                                w.Key("imported_from_line");
                                                                w.Int(row.line);
                                                                w.EndObject();
                                                              })});
            imported.push_back(info_of(publishing::schedule_post(session, *policy, post.id, row.accounts, row.at,
                                                                 row.zone, request.user, now)));
          }
          return imported;
        });
        return Response::json(201, wire::to_json(result));
      },
      {"text/csv"});
}

}  // namespace kanal::api
