#include "api/server/schedule_endpoints.h"

#include <sstream>

#include "api/wire/publishing.h"
#include "core/error.h"
#include "scheduling/wall_clock.h"
#include "store/audit_repository.h"
#include "store/post_repository.h"
#include "store/schedule_repository.h"
#include "workflow/approvals.h"

namespace kanal::api {
namespace {

// "2026-12-18T09:00" (or with seconds, "…T09:00:30").
scheduling::LocalTime parse_wall_clock(const std::string& text) {
  for (const char* format : {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"}) {
    std::istringstream in(text);
    scheduling::LocalTime at;
    in >> date::parse(format, at);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return at;
  }
  throw Error(ErrorCode::invalid_input, "at must be a wall-clock time like 2026-12-18T09:00", "at");
}

wire::ScheduleInfo info_of(const store::ScheduleEntry& entry, std::string approval_note = {}) {
  return wire::ScheduleInfo{entry.post,   entry.accounts,
                            entry.due_at, entry.wall_clock,
                            entry.zone,   std::string(store::to_string(entry.state)),
                            entry.reason, std::move(approval_note)};
}

Post require_post(Poco::Data::Session& session, PostId id) {
  auto post = store::PostRepository(session).find(id);
  if (!post) throw Error(ErrorCode::not_found, "no post " + std::to_string(id.value));
  return *post;
}

}  // namespace

void add_schedule_endpoints(Router& router, store::Database& db, PolicyStore& policies, const Clock& clock,
                            std::function<void()> wake_scheduler) {
  router.add("PUT", "/api/v1/posts/{id}/schedule", Permission::publish,
             [&db, &policies, &clock, wake_scheduler](const Request& request) {
               const PostId id{request.path_id("id", "post")};
               const auto body = wire::parse_schedule_request(request.body);
               const auto wall_clock = parse_wall_clock(body.at);
               const auto due_at = scheduling::to_utc(wall_clock, body.zone);
               const auto at = clock.now();
               const auto info = db.transact([&](Poco::Data::Session& session) {
                 const auto post = require_post(session, id);
                 if (post.state == PostState::publishing || post.state == PostState::published) {
                   throw Error(ErrorCode::invalid_input,
                               "post " + std::to_string(id.value) + " is already " + std::string(to_string(post.state)),
                               "state");
                 }
                 // Said now, so the author can get the approvals before the time.
                 std::string approval_note;
                 try {
                   workflow::Approvals(session, *policies.policy()).require_cleared(post, body.accounts, request.user);
                 } catch (const Error& e) {
                   if (e.code() != ErrorCode::approval_required) throw;
                   approval_note = e.detail();
                 }
                 const store::ScheduleEntry entry{id,      body.accounts, due_at,
                                                  body.at, body.zone,     store::ScheduleState::scheduled,
                                                  {},      request.user,  at};
                 store::ScheduleRepository(session).put(entry);
                 store::AuditRepository(session).append(
                     AuditEvent{0, at, request.user, "post.schedule", "post", id.value, wire::to_json(info_of(entry))});
                 return info_of(entry, approval_note);
               });
               if (wake_scheduler) wake_scheduler();
               return Response::json(200, wire::to_json(info));
             });

  router.add("GET", "/api/v1/posts/{id}/schedule", Permission::read, [&db](const Request& request) {
    const PostId id{request.path_id("id", "post")};
    const auto entry =
        db.read([&](Poco::Data::Session& session) { return store::ScheduleRepository(session).find(id); });
    if (!entry) throw Error(ErrorCode::not_found, "post " + std::to_string(id.value) + " is not scheduled");
    return Response::json(200, wire::to_json(info_of(*entry)));
  });

  router.add("DELETE", "/api/v1/posts/{id}/schedule", Permission::publish, [&db, &clock](const Request& request) {
    const PostId id{request.path_id("id", "post")};
    const auto at = clock.now();
    db.transact([&](Poco::Data::Session& session) {
      store::ScheduleRepository schedules(session);
      const auto entry = schedules.find(id);
      if (!entry || entry->state != store::ScheduleState::scheduled) {
        throw Error(ErrorCode::not_found, "post " + std::to_string(id.value) + " is not waiting for its time");
      }
      schedules.set_state(id, store::ScheduleState::cancelled, {}, at);
      store::AuditRepository(session).append(
          AuditEvent{0, at, request.user, "post.unschedule", "post", id.value, wire::to_json(info_of(*entry))});
    });
    return Response::empty(204);
  });
}

}  // namespace kanal::api
