#pragma once
// /api/v1 shapes for scheduling: a post's time, repeated posts, queue slots,
// the calendar, crisis pauses, blackout windows, the catch-up setting and
// CSV import errors.

#include <optional>
#include <string>
#include <vector>

#include "api/wire/import_faults.h"
#include "core/domain.h"

namespace kanal::wire {

// PUT /api/v1/posts/{id}/schedule: publish at a wall-clock time in a zone.
struct ScheduleRequest {
  std::vector<AccountId> accounts;
  std::string at;    // "2026-12-18T09:00", on the clock in `zone`
  std::string zone;  // IANA, e.g. "Europe/Stockholm"
};
std::string to_json(const ScheduleRequest& request);
ScheduleRequest parse_schedule_request(std::string_view body);

struct ScheduleInfo {
  PostId post;
  std::vector<AccountId> accounts;
  Timestamp due_at;  // UTC
  std::string at;
  std::string zone;
  std::string state;          // scheduled, queued, held, cancelled
  std::string reason;         // why it is held
  std::string approval_note;  // what approval it still needs (empty: none)
  std::string blackout_note;  // the blackout window its time falls in (empty: none)
  std::string series;         // the rule of a repeated post, in words
};
std::string to_json(const ScheduleInfo& info);
std::string to_json(const std::vector<ScheduleInfo>& infos);
ScheduleInfo parse_schedule_info(std::string_view body);
std::vector<ScheduleInfo> parse_schedule_infos(std::string_view body);

// POST /api/v1/posts/{id}/series: the post, repeated by a rule from one day
// to another (each time a copy of it).
struct SeriesRequest {
  std::vector<AccountId> accounts;
  std::string rule;      // daily | weekly | monthly | payment_day
  std::string weekday;   // weekly: mon … sun
  int day = 1;           // monthly, payment_day: day of the month
  std::string time;      // "09:00"
  std::string zone;      // IANA
  std::string calendar;  // payment_day: the country's holidays ("se")
  std::string from;      // "2027-01-01"
  std::string until;     // "2027-12-31", inclusive
};
std::string to_json(const SeriesRequest& request);
SeriesRequest parse_series_request(std::string_view body);

// POST /api/v1/posts/{id}/queue: the next free slot of the accounts.
struct QueueRequest {
  std::vector<AccountId> accounts;
};
std::string to_json(const QueueRequest& request);
QueueRequest parse_queue_request(std::string_view body);

// GET/PUT /api/v1/accounts/{id}/slots
struct QueueSlotsInfo {
  std::vector<std::string> slots;  // "mon 09:00"
  std::string zone;
};
std::string to_json(const QueueSlotsInfo& slots);
QueueSlotsInfo parse_queue_slots(std::string_view body);

// GET /api/v1/schedule?from=…&to=…: what the calendar shows.
struct CalendarEntry {
  ScheduleInfo schedule;
  std::string title;       // the post's first words
  std::string post_state;  // draft, publishing, published, failed, …
  // A published post's current figures over its accounts; nullopt: not read yet or not given.
  std::optional<std::int64_t> likes, shares, replies;
};
std::string to_json(const std::vector<CalendarEntry>& entries);
std::vector<CalendarEntry> parse_calendar(std::string_view body);

struct PauseRequest {
  std::string reason;
  std::vector<AccountId> accounts;  // empty: every account
};
std::string to_json(const PauseRequest& request);
PauseRequest parse_pause_request(std::string_view body);

struct PauseInfo {
  std::int64_t id = 0;
  std::vector<AccountId> accounts;
  std::string reason;
  std::string paused_by;  // the person's name
  Timestamp paused_at;
  bool quiet = true;  // nothing more is on its way to the networks it holds
};

struct Resumed {
  std::vector<ScheduleInfo> overdue;  // held for a person: publish now or choose a new time
};
std::string to_json(const Resumed& resumed);
Resumed parse_resumed(std::string_view body);

// GET /api/v1/publishing/status: what every desktop shows in its banner.
struct PublishingStatus {
  std::vector<PauseInfo> pauses;
  std::vector<ScheduleInfo> held;
};
std::string to_json(const PauseInfo& pause);
PauseInfo parse_pause_info(std::string_view body);
std::string to_json(const PublishingStatus& status);
PublishingStatus parse_publishing_status(std::string_view body);

struct BlackoutRequest {
  std::string name;
  std::string starts, ends;  // "2027-09-01T00:00" in zone; ends exclusive
  std::string zone;
  std::vector<AccountId> accounts;  // empty: every account
};
std::string to_json(const BlackoutRequest& request);
BlackoutRequest parse_blackout_request(std::string_view body);

struct BlackoutInfo {
  std::int64_t id = 0;
  BlackoutRequest window;
  Timestamp starts_at, ends_at;
};
std::string to_json(const BlackoutInfo& blackout);
std::string to_json(const std::vector<BlackoutInfo>& blackouts);
std::vector<BlackoutInfo> parse_blackouts(std::string_view body);
BlackoutInfo parse_blackout_info(std::string_view body);

// GET /api/v1/holidays: a country's public holidays in a period.
struct Holiday {
  std::string day;  // "2027-06-25"
  std::string name;
};
std::string to_json(const std::vector<Holiday>& holidays);
std::vector<Holiday> parse_holidays(std::string_view body);

// GET/PUT /api/v1/settings/publishing
struct PublishingSettingsInfo {
  std::int64_t catch_up_minutes = 15;
};
std::string to_json(const PublishingSettingsInfo& settings);
PublishingSettingsInfo parse_publishing_settings(std::string_view body);

// POST /api/v1/schedule/import: the posts made and scheduled, or (422,
// nothing imported) every fault found, by line and column.
struct ImportResult {
  std::vector<ScheduleInfo> imported;
  std::vector<ImportFault> faults;
};
std::string to_json(const ImportResult& result);
ImportResult parse_import_result(std::string_view body);

}  // namespace kanal::wire
