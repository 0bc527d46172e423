#include "api/server/publishing_control_endpoints.h"

#include "api/server/schedule_info.h"
#include "api/wire/schedule.h"
#include "core/error.h"
#include "core/json.h"
#include "publishing/controls.h"
#include "publishing/pauses.h"
#include "scheduling/time_words.h"
#include "store/audit_repository.h"
#include "store/blackout_repository.h"
#include "store/schedule_repository.h"
#include "store/user_repository.h"
#include "store/viewer.h"

namespace kanal::api {
namespace {

wire::PauseInfo pause_info(Poco::Data::Session& session, const store::Pause& pause) {
  const auto who = store::UserRepository(session).find(pause.paused_by);
  return wire::PauseInfo{pause.id, pause.accounts, pause.reason, who ? who->display_name : "someone", pause.paused_at,
                         true};
}

wire::BlackoutInfo blackout_info(const store::Blackout& blackout) {
  return wire::BlackoutInfo{
      blackout.id,
      wire::BlackoutRequest{blackout.name, blackout.starts, blackout.ends, blackout.zone, blackout.accounts},
      blackout.starts_at, blackout.ends_at};
}

Timestamp moment(const std::string& text, const std::string& zone, const char* field) {
  const auto at = scheduling::wall_clock_time(text);
  if (!at) throw Error(ErrorCode::invalid_input, std::string(field) + " must be like 2027-09-01T00:00", field);
  return scheduling::to_utc(*at, zone);
}

}  // namespace

void add_publishing_control_endpoints(Router& router, store::Database& db, const Clock& clock,
                                      PublishingControlHooks hooks) {
  router.add("GET", "/api/v1/publishing/status", Permission::read, [&db](const Request& request) {
    const auto status = db.read([&](Poco::Data::Session& session) {
      wire::PublishingStatus now;
      for (const auto& pause : store::PauseRepository(session).active()) {
        now.pauses.push_back(pause_info(session, pause));
      }
      store::Viewer viewer(session, request.user);
      for (const auto& entry : store::ScheduleRepository(session).held()) {
        if (viewer.sees_post(entry.post)) now.held.push_back(info_of(entry));
      }
      return now;
    });
    return Response::json(200, wire::to_json(status));
  });

  router.add("POST", "/api/v1/pauses", Permission::publish, [&db, &clock, hooks](const Request& request) {
    const auto body = wire::parse_pause_request(request.body);
    const auto at = clock.now();
    auto [pause, info] = db.transact([&](Poco::Data::Session& session) {
      const auto id = store::PauseRepository(session).start(body.accounts, body.reason, request.user, at);
      store::AuditRepository(session).append(
          AuditEvent{0, at, request.user, "publishing.pause", "pause", id, wire::to_json(body)});
      const store::Pause started{id, body.accounts, body.reason, request.user, at};
      return std::make_pair(started, pause_info(session, started));
    });
    // Answered when nothing more is on its way: what the person sees as
    // "paused" is then true at the networks too.
    info.quiet = hooks.wait_until_quiet ? hooks.wait_until_quiet(pause) : true;
    return Response::json(201, wire::to_json(info));
  });

  router.add("POST", "/api/v1/pauses/{id}/resume", Permission::publish, [&db, &clock, hooks](const Request& request) {
    const auto id = request.path_id("id", "pause");
    const auto at = clock.now();
    const auto resumed = db.transact([&](Poco::Data::Session& session) {
      wire::Resumed held;
      for (const auto& entry : publishing::resume_pause(session, id, request.user, at)) {
        held.overdue.push_back(info_of(entry));
      }
      return held;
    });
    if (hooks.wake) hooks.wake();
    return Response::json(200, wire::to_json(resumed));
  });

  router.add("GET", "/api/v1/blackouts", Permission::read, [&db](const Request&) {
    const auto blackouts = db.read([](Poco::Data::Session& session) {
      std::vector<wire::BlackoutInfo> infos;
      for (const auto& blackout : store::BlackoutRepository(session).all()) infos.push_back(blackout_info(blackout));
      return infos;
    });
    return Response::json(200, wire::to_json(blackouts));
  });

  router.add("POST", "/api/v1/blackouts", Permission::plan, [&db, &clock](const Request& request) {
    const auto body = wire::parse_blackout_request(request.body);
    if (!scheduling::is_known_zone(body.zone)) {
      throw Error(ErrorCode::invalid_input, "unknown time zone '" + body.zone + "'", "zone");
    }
    const auto at = clock.now();
    store::Blackout blackout{0,
                             body.name,
                             moment(body.starts, body.zone, "starts"),
                             moment(body.ends, body.zone, "ends"),
                             body.starts,
                             body.ends,
                             body.zone,
                             body.accounts,
                             request.user,
                             at};
    if (blackout.ends_at <= blackout.starts_at)
      throw Error(ErrorCode::invalid_input, "ends must be after starts", "ends");
    if (body.name.find_first_not_of(" \t") == std::string::npos) {
      throw Error(ErrorCode::invalid_input, "a blackout window needs a name people recognise", "name");
    }
    blackout.id = db.transact([&](Poco::Data::Session& session) {
      const auto id = store::BlackoutRepository(session).add(blackout);
      store::AuditRepository(session).append(
          AuditEvent{0, at, request.user, "blackout.add", "blackout", id, wire::to_json(body)});
      return id;
    });
    return Response::json(201, wire::to_json(blackout_info(blackout)));
  });

  router.add("DELETE", "/api/v1/blackouts/{id}", Permission::plan, [&db, &clock, hooks](const Request& request) {
    const auto id = request.path_id("id", "blackout");
    db.transact([&](Poco::Data::Session& session) {
      store::BlackoutRepository blackouts(session);
      const auto blackout = blackouts.find(id);
      if (!blackout) throw Error(ErrorCode::not_found, "no blackout window " + std::to_string(id));
      blackouts.remove(id);
      store::AuditRepository(session).append(AuditEvent{0, clock.now(), request.user, "blackout.remove", "blackout", id,
                                                        wire::to_json(blackout_info(*blackout))});
    });
    if (hooks.wake) hooks.wake();
    return Response::empty(204);
  });

  router.add("GET", "/api/v1/settings/publishing", Permission::read, [&db](const Request&) {
    const auto settings =
        db.read([](Poco::Data::Session& session) { return publishing::publishing_settings(session); });
    return Response::json(200, wire::to_json(wire::PublishingSettingsInfo{settings.catch_up.count()}));
  });

  router.add("PUT", "/api/v1/settings/publishing", Permission::admin, [&db, &clock](const Request& request) {
    const auto body = wire::parse_publishing_settings(request.body);
    db.transact([&](Poco::Data::Session& session) {
      publishing::save_publishing_settings(session,
                                           publishing::PublishingSettings{std::chrono::minutes(body.catch_up_minutes)});
      store::AuditRepository(session).append(
          AuditEvent{0, clock.now(), request.user, "settings.publishing", "settings", 0, wire::to_json(body)});
    });
    return Response::json(200, wire::to_json(body));
  });
}

void add_test_clock_endpoint(Router& router, AdjustableClock& clock, std::function<void()> wake) {
  router.add("POST", "/api/v1/test-clock", Permission::admin, [&clock, wake](const Request& request) {
    const auto doc = json::parse_json(request.body);
    json::ObjectReader reader(doc);
    const auto advance = reader.optional_int("advance_ms", 0, std::int64_t{10} * 366 * 24 * 3600 * 1000);
    const auto to = reader.optional_string("now", 40);
    reader.reject_unknown();
    if (to) {
      const auto at = parse_iso8601(*to);
      if (!at) throw Error(ErrorCode::invalid_input, "now must be an RFC 3339 time", "now");
      clock.set(*at);
    }
    if (advance) clock.advance(std::chrono::milliseconds(*advance));
    if (wake) wake();
    return Response::json(200, json::written([&](json::JsonWriter& w) {
                            w.StartObject();
                            json::write_string(w, "now", to_iso8601(clock.now()));
                            w.EndObject();
                          }));
  });
}

}  // namespace kanal::api
