#include "api/server/schedule_endpoints.h"

#include <set>

#include "api/server/schedule_info.h"
#include "api/wire/messages.h"
#include "api/wire/schedule.h"
#include "core/error.h"
#include "core/json.h"
#include "publishing/schedule_post.h"
#include "scheduling/queue_slots.h"
#include "scheduling/recurrence.h"
#include "scheduling/time_words.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/post_repository.h"
#include "store/queue_slot_repository.h"
#include "store/schedule_repository.h"

namespace kanal::api {
namespace {

constexpr std::size_t kMostInASeries = 400;  // a daily post for a year, and some

scheduling::LocalTime wall_clock_named(const std::string& text) {
  if (auto at = scheduling::wall_clock_time(text)) return *at;
  throw Error(ErrorCode::invalid_input, "at must be a wall-clock time like 2026-12-18T09:00", "at");
}

scheduling::Slot slot_named(const std::string& text, std::size_t index) {
  const auto space = text.find(' ');
  const auto day = scheduling::weekday_named(text.substr(0, space));
  const auto time = space == std::string::npos ? std::nullopt : scheduling::time_of_day_named(text.substr(space + 1));
  if (!day || !time) {
    throw Error(ErrorCode::invalid_input, "a slot is a day and a time, like \"mon 09:00\", not \"" + text + "\"",
                "slots[" + std::to_string(index) + "]");
  }
  return scheduling::Slot{*day, *time};
}

void require_zone(const std::string& zone) {
  if (!scheduling::is_known_zone(zone)) {
    throw Error(ErrorCode::invalid_input, "unknown time zone '" + zone + "' (use an IANA name like Europe/Oslo)",
                "zone");
  }
}

// The request's rule as a recurrence, and in words for the calendar.
std::pair<scheduling::Recurrence, std::string> recurrence_of(const wire::SeriesRequest& request) {
  using Kind = scheduling::Recurrence::Kind;
  scheduling::Recurrence rule;
  require_zone(request.zone);
  rule.zone = request.zone;
  const auto time = scheduling::time_of_day_named(request.time);
  if (!time) throw Error(ErrorCode::invalid_input, "time must be like 09:00", "time");
  rule.time_of_day = *time;
  rule.day_of_month = static_cast<unsigned>(request.day);
  std::string words;
  if (request.rule == "daily") {
    rule.kind = Kind::daily;
    words = "daily";
  } else if (request.rule == "weekly") {
    rule.kind = Kind::weekly;
    const auto day = scheduling::weekday_named(request.weekday);
    if (!day) throw Error(ErrorCode::invalid_input, "weekday must be mon, tue, … or sun", "weekday");
    rule.weekday = *day;
    words = "weekly on " + request.weekday;
  } else if (request.rule == "monthly") {
    rule.kind = Kind::monthly;
    words = "monthly on day " + std::to_string(request.day);
  } else if (request.rule == "payment_day") {
    rule.kind = Kind::payment_day;
    words = "payment day " + std::to_string(request.day) + " (" + request.calendar + ")";
  } else {
    throw Error(ErrorCode::invalid_input, "rule must be daily, weekly, monthly or payment_day", "rule");
  }
  return {rule, words + ", " + request.time + " " + request.zone};
}

std::optional<scheduling::HolidayCalendar> calendar_for(const wire::SeriesRequest& request,
                                                        const HolidayCalendars& calendars) {
  if (request.rule != "payment_day" && request.calendar.empty()) return std::nullopt;
  return calendars.calendar(request.calendar);
}

// A copy of `post` that only differs by its id: one occurrence of a series.
// It stays its author's (who cannot approve it); the trail keeps what it
// says, which post it copies and who made the copy (`who`, the actor), so
// it is reviewed as any post is.
PostId copy_post(Poco::Data::Session& session, const Post& post, UserId who, Timestamp at, const std::string& series) {
  const auto copy = store::PostRepository(session).create(
      store::NewPost{post.author, post.text, post.variants, post.media, post.thread, post.language, post.origin,
                     post.needs_expert_check},
      at);
  auto detail = json::parse_json(wire::to_json(copy));
  auto& allocator = detail.GetAllocator();
  detail.AddMember("copy_of", rapidjson::Value(post.id.value), allocator);
  detail.AddMember("series",
                   rapidjson::Value(series.c_str(), static_cast<rapidjson::SizeType>(series.size()), allocator),
                   allocator);
  rapidjson::StringBuffer buffer;
  json::JsonWriter writer(buffer);
  detail.Accept(writer);
  store::AuditRepository(session).append(
      AuditEvent{0, at, who, "post.create", "post", copy.id.value, json::to_string(buffer)});
  return copy.id;
}

}  // namespace

void add_schedule_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents,
                            const HolidayCalendars& calendars, const Clock& clock,
                            std::function<void()> wake_scheduler) {
  router.add("PUT", "/api/v1/posts/{id}/schedule", Permission::publish,
             [&db, &documents, &clock, wake_scheduler](const Request& request) {
               const PostId id{request.path_id("id", "post")};
               const auto body = wire::parse_schedule_request(request.body);
               const auto wall_clock = wall_clock_named(body.at);
               require_zone(body.zone);
               const auto info = db.transact([&](Poco::Data::Session& session) {
                 return info_of(publishing::schedule_post(session, *documents.policy(), id, body.accounts, wall_clock,
                                                          body.zone, request.user, clock.now()));
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
      if (!entry || (entry->state != store::ScheduleState::scheduled && entry->state != store::ScheduleState::held)) {
        throw Error(ErrorCode::not_found, "post " + std::to_string(id.value) + " is not waiting for its time");
      }
      schedules.set_state(id, store::ScheduleState::cancelled, {}, at);
      store::AuditRepository(session).append(
          AuditEvent{0, at, request.user, "post.unschedule", "post", id.value, wire::to_json(info_of(*entry))});
    });
    return Response::empty(204);
  });

  router.add("POST", "/api/v1/posts/{id}/queue", Permission::publish,
             [&db, &documents, &clock, wake_scheduler](const Request& request) {
               const PostId id{request.path_id("id", "post")};
               const auto body = wire::parse_queue_request(request.body);
               const auto at = clock.now();
               const auto info = db.transact([&](Poco::Data::Session& session) {
                 const auto row = store::QueueSlotRepository(session).find(body.accounts.front());
                 if (!row) {
                   throw Error(ErrorCode::invalid_input,
                               "account " + std::to_string(body.accounts.front().value) +
                                   " has no queue slots; set them under Accounts › Queue slots",
                               "account_ids[0]");
                 }
                 scheduling::QueueSlots queue{{}, row->zone};
                 for (std::size_t i = 0; i < row->slots.size(); ++i)
                   queue.slots.push_back(slot_named(row->slots[i], i));
                 // A slot is taken when a post waits for it on any of these accounts.
                 const std::set<AccountId> ours(body.accounts.begin(), body.accounts.end());
                 std::set<Timestamp> taken;
                 for (const auto& entry : store::ScheduleRepository(session).waiting()) {
                   if (entry.post == id) continue;
                   for (const auto account : entry.accounts) {
                     if (ours.count(account) != 0) taken.insert(entry.due_at);
                   }
                 }
                 const auto slot = scheduling::next_free_slot(queue, at, taken);
                 if (!slot) throw Error(ErrorCode::invalid_input, "every queue slot of the next year is taken", "");
                 return info_of(publishing::schedule_post(session, *documents.policy(), id, body.accounts,
                                                          scheduling::to_local(*slot, queue.zone), queue.zone,
                                                          request.user, at));
               });
               if (wake_scheduler) wake_scheduler();
               return Response::json(200, wire::to_json(info));
             });

  router.add(
      "POST", "/api/v1/posts/{id}/series", Permission::publish,
      [&db, &documents, &calendars, &clock](const Request& request) {
        const PostId id{request.path_id("id", "post")};
        const auto body = wire::parse_series_request(request.body);
        const auto [rule, words] = recurrence_of(body);
        const auto calendar = calendar_for(body, calendars);
        const auto from = scheduling::local_day(body.from);
        const auto until = scheduling::local_day(body.until);
        if (!from) throw Error(ErrorCode::invalid_input, "from must be a day like 2027-01-01", "from");
        if (!until || *until < *from) {
          throw Error(ErrorCode::invalid_input, "until must be a day like 2027-12-31, not before from", "until");
        }
        const auto at = clock.now();
        auto times = scheduling::occurrences(rule, *from, *until + date::days{1}, calendar ? &*calendar : nullptr);
        // Times already past are left out: a series starts from now.
        std::erase_if(times, [&](scheduling::LocalTime time) { return scheduling::to_utc(time, rule.zone) <= at; });
        if (times.empty()) {
          throw Error(ErrorCode::invalid_input,
                      "the rule gives no time ahead between " + body.from + " and " + body.until, "from");
        }
        if (times.size() > kMostInASeries) {
          throw Error(ErrorCode::invalid_input,
                      "the rule gives " + std::to_string(times.size()) + " posts; at most " +
                          std::to_string(kMostInASeries) + " at once",
                      "until");
        }
        const auto policy = documents.policy();  // one policy for the whole series
        const auto infos = db.transact([&](Poco::Data::Session& session) {
          const auto post = store::PostRepository(session).find(id);
          if (!post) throw Error(ErrorCode::not_found, "no post " + std::to_string(id.value));
          std::vector<wire::ScheduleInfo> scheduled;
          for (std::size_t i = 0; i < times.size(); ++i) {
            const PostId occurrence = i == 0 ? id : copy_post(session, *post, request.user, at, words);
            scheduled.push_back(info_of(publishing::schedule_post(session, *policy, occurrence, body.accounts, times[i],
                                                                  rule.zone, request.user, at, words)));
          }
          return scheduled;
        });
        return Response::json(201, wire::to_json(infos));
      });

  router.add("GET", "/api/v1/accounts/{id}/slots", Permission::read, [&db](const Request& request) {
    const AccountId account{request.path_id("id", "account")};
    const auto row =
        db.read([&](Poco::Data::Session& session) { return store::QueueSlotRepository(session).find(account); });
    return Response::json(200, wire::to_json(row ? wire::QueueSlotsInfo{row->slots, row->zone}
                                                 : wire::QueueSlotsInfo{{}, "Europe/Stockholm"}));
  });

  router.add("PUT", "/api/v1/accounts/{id}/slots", Permission::accounts, [&db, &clock](const Request& request) {
    const AccountId account{request.path_id("id", "account")};
    auto body = wire::parse_queue_slots(request.body);
    require_zone(body.zone);
    for (std::size_t i = 0; i < body.slots.size(); ++i) {
      const auto slot = slot_named(body.slots[i], i);
      body.slots[i] = scheduling::weekday_name(slot.weekday) + " " + scheduling::time_of_day_text(slot.time_of_day);
    }
    db.transact([&](Poco::Data::Session& session) {
      if (!store::AccountRepository(session).find(account)) {
        throw Error(ErrorCode::not_found, "no account " + std::to_string(account.value));
      }
      store::QueueSlotRepository(session).put(account, store::QueueSlotsRow{body.slots, body.zone});
      store::AuditRepository(session).append(
          AuditEvent{0, clock.now(), request.user, "account.slots", "account", account.value, wire::to_json(body)});
    });
    return Response::json(200, wire::to_json(body));
  });
}

}  // namespace kanal::api
