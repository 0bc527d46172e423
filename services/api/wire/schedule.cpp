#include "api/wire/schedule.h"

#include <limits>

#include "api/wire/account_ids.h"
#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::write_string;
using json::written;

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kLongText = 100'000;

const rapidjson::Value& require_array(const rapidjson::Value& value, const char* what) {
  if (!value.IsArray()) throw Error(ErrorCode::malformed_json, std::string(what) + " must be an array", what);
  return value;
}

template <class Item, class Read>
std::vector<Item> read_items(const rapidjson::Value& array, const std::string& path, Read read) {
  std::vector<Item> items;
  for (const auto& item : require_array(array, path.c_str()).GetArray()) {
    items.push_back(read(item, path + "[" + std::to_string(items.size()) + "]."));
  }
  return items;
}

template <class Item, class Write>
void write_items(JsonWriter& w, const std::vector<Item>& items, Write write) {
  w.StartArray();
  for (const auto& item : items) write(w, item);
  w.EndArray();
}

void write_schedule(JsonWriter& w, const ScheduleInfo& info) {
  w.StartObject();
  w.Key("post_id");
  w.Int64(info.post.value);
  write_account_ids(w, "account_ids", info.accounts);
  write_string(w, "due_at", to_iso8601(info.due_at));
  write_string(w, "at", info.at);
  write_string(w, "zone", info.zone);
  write_string(w, "state", info.state);
  write_string(w, "reason", info.reason);
  write_string(w, "approval_note", info.approval_note);
  write_string(w, "blackout_note", info.blackout_note);
  write_string(w, "series", info.series);
  w.EndObject();
}

ScheduleInfo read_schedule(const rapidjson::Value& value, const std::string& path) {
  ObjectReader reader(value, path);
  ScheduleInfo info;
  info.post = PostId{reader.required_int("post_id", 1, kMaxId)};
  info.accounts = read_account_ids(reader, "account_ids");
  info.due_at = reader.required_time("due_at");
  info.at = reader.required_string("at", 32);
  info.zone = reader.required_string("zone", 64);
  info.state = reader.required_string("state", 16);
  info.reason = reader.required_string("reason", kLongText);
  info.approval_note = reader.optional_string("approval_note", kLongText).value_or("");
  info.blackout_note = reader.optional_string("blackout_note", kLongText).value_or("");
  info.series = reader.optional_string("series", 256).value_or("");
  return info;
}

void write_pause(JsonWriter& w, const PauseInfo& pause) {
  w.StartObject();
  w.Key("id");
  w.Int64(pause.id);
  write_account_ids(w, "account_ids", pause.accounts);
  write_string(w, "reason", pause.reason);
  write_string(w, "paused_by", pause.paused_by);
  write_string(w, "paused_at", to_iso8601(pause.paused_at));
  w.Key("quiet");
  w.Bool(pause.quiet);
  w.EndObject();
}

PauseInfo read_pause(const rapidjson::Value& value, const std::string& path) {
  ObjectReader reader(value, path);
  PauseInfo pause;
  pause.id = reader.required_int("id", 1, kMaxId);
  pause.accounts = read_account_ids(reader, "account_ids");
  pause.reason = reader.required_string("reason", 2000);
  pause.paused_by = reader.required_string("paused_by", 512);
  pause.paused_at = reader.required_time("paused_at");
  pause.quiet = reader.optional_bool("quiet").value_or(true);
  return pause;
}

void write_blackout_window(JsonWriter& w, const BlackoutRequest& window) {
  write_string(w, "name", window.name);
  write_string(w, "starts", window.starts);
  write_string(w, "ends", window.ends);
  write_string(w, "zone", window.zone);
  write_account_ids(w, "account_ids", window.accounts);
}

BlackoutRequest read_blackout_window(ObjectReader& reader) {
  BlackoutRequest window;
  window.name = reader.required_string("name", 200);
  window.starts = reader.required_string("starts", 32);
  window.ends = reader.required_string("ends", 32);
  window.zone = reader.required_string("zone", 64);
  window.accounts = read_account_ids(reader, "account_ids");
  return window;
}

void write_blackout(JsonWriter& w, const BlackoutInfo& blackout) {
  w.StartObject();
  w.Key("id");
  w.Int64(blackout.id);
  write_blackout_window(w, blackout.window);
  write_string(w, "starts_at", to_iso8601(blackout.starts_at));
  write_string(w, "ends_at", to_iso8601(blackout.ends_at));
  w.EndObject();
}

BlackoutInfo read_blackout(const rapidjson::Value& value, const std::string& path) {
  ObjectReader reader(value, path);
  BlackoutInfo blackout;
  blackout.id = reader.required_int("id", 1, kMaxId);
  blackout.window = read_blackout_window(reader);
  blackout.starts_at = reader.required_time("starts_at");
  blackout.ends_at = reader.required_time("ends_at");
  return blackout;
}

}  // namespace

std::string to_json(const ScheduleRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_account_ids(w, "account_ids", request.accounts);
    write_string(w, "at", request.at);
    write_string(w, "zone", request.zone);
    w.EndObject();
  });
}

ScheduleRequest parse_schedule_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  ScheduleRequest request;
  request.accounts = read_target_accounts(reader);
  request.at = reader.required_string("at", 32);
  request.zone = reader.required_string("zone", 64);
  reader.reject_unknown();
  return request;
}

std::string to_json(const ScheduleInfo& info) {
  return written([&](JsonWriter& w) { write_schedule(w, info); });
}

std::string to_json(const std::vector<ScheduleInfo>& infos) {
  return written([&](JsonWriter& w) { write_items(w, infos, write_schedule); });
}

ScheduleInfo parse_schedule_info(std::string_view body) { return read_schedule(json::parse_json(body), ""); }

std::vector<ScheduleInfo> parse_schedule_infos(std::string_view body) {
  return read_items<ScheduleInfo>(json::parse_json(body), "schedules", read_schedule);
}

std::string to_json(const SeriesRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_account_ids(w, "account_ids", request.accounts);
    write_string(w, "rule", request.rule);
    if (!request.weekday.empty()) write_string(w, "weekday", request.weekday);
    w.Key("day");
    w.Int(request.day);
    write_string(w, "time", request.time);
    write_string(w, "zone", request.zone);
    if (!request.calendar.empty()) write_string(w, "calendar", request.calendar);
    write_string(w, "from", request.from);
    write_string(w, "until", request.until);
    w.EndObject();
  });
}

SeriesRequest parse_series_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  SeriesRequest request;
  request.accounts = read_target_accounts(reader);
  request.rule = reader.required_string("rule", 32);
  request.weekday = reader.optional_string("weekday", 16).value_or("");
  request.day = static_cast<int>(reader.optional_int("day", 1, 31).value_or(1));
  request.time = reader.required_string("time", 8);
  request.zone = reader.required_string("zone", 64);
  request.calendar = reader.optional_string("calendar", 8).value_or("");
  request.from = reader.required_string("from", 16);
  request.until = reader.required_string("until", 16);
  reader.reject_unknown();
  return request;
}

std::string to_json(const QueueRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_account_ids(w, "account_ids", request.accounts);
    w.EndObject();
  });
}

QueueRequest parse_queue_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  QueueRequest request{read_target_accounts(reader)};
  reader.reject_unknown();
  return request;
}

std::string to_json(const QueueSlotsInfo& slots) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("slots");
    write_items(w, slots.slots, [](JsonWriter& writer, const std::string& slot) { writer.String(slot.c_str()); });
    write_string(w, "zone", slots.zone);
    w.EndObject();
  });
}

QueueSlotsInfo parse_queue_slots(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  QueueSlotsInfo info;
  if (const auto* slots = reader.optional_array("slots")) {
    for (const auto& slot : slots->GetArray()) {
      if (!slot.IsString() || slot.GetStringLength() > 32) {
        throw Error(ErrorCode::malformed_json, "slots holds texts like \"mon 09:00\"", "slots");
      }
      info.slots.emplace_back(slot.GetString(), slot.GetStringLength());
    }
  }
  info.zone = reader.required_string("zone", 64);
  reader.reject_unknown();
  return info;
}

std::string to_json(const std::vector<CalendarEntry>& entries) {
  return written([&](JsonWriter& w) {
    write_items(w, entries, [](JsonWriter& writer, const CalendarEntry& entry) {
      writer.StartObject();
      writer.Key("schedule");
      write_schedule(writer, entry.schedule);
      write_string(writer, "title", entry.title);
      write_string(writer, "post_state", entry.post_state);
      json::write_optional_int(writer, "likes", entry.likes);
      json::write_optional_int(writer, "shares", entry.shares);
      json::write_optional_int(writer, "replies", entry.replies);
      writer.EndObject();
    });
  });
}

std::vector<CalendarEntry> parse_calendar(std::string_view body) {
  return read_items<CalendarEntry>(json::parse_json(body), "calendar",
                                   [](const rapidjson::Value& value, const std::string& path) {
                                     ObjectReader reader(value, path);
                                     CalendarEntry entry;
                                     const auto* schedule = reader.optional_object("schedule");
                                     if (schedule == nullptr)
                                       throw Error(ErrorCode::malformed_json, "an entry needs its schedule", path);
                                     entry.schedule = read_schedule(*schedule, path + "schedule.");
                                     entry.title = reader.required_string("title", 1000);
                                     entry.post_state = reader.required_string("post_state", 32);
                                     constexpr auto kMost = std::numeric_limits<std::int64_t>::max();
                                     entry.likes = reader.optional_int("likes", 0, kMost);
                                     entry.shares = reader.optional_int("shares", 0, kMost);
                                     entry.replies = reader.optional_int("replies", 0, kMost);
                                     return entry;
                                   });
}

std::string to_json(const PauseRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "reason", request.reason);
    write_account_ids(w, "account_ids", request.accounts);
    w.EndObject();
  });
}

PauseRequest parse_pause_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  PauseRequest request;
  request.reason = reader.required_string("reason", 2000);
  if (request.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(ErrorCode::invalid_input, "a pause needs its reason, for the record and the banner", "reason");
  }
  request.accounts = read_account_ids(reader, "account_ids");
  reader.reject_unknown();
  return request;
}

std::string to_json(const PauseInfo& pause) {
  return written([&](JsonWriter& w) { write_pause(w, pause); });
}

PauseInfo parse_pause_info(std::string_view body) { return read_pause(json::parse_json(body), ""); }

std::string to_json(const Resumed& resumed) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("overdue");
    write_items(w, resumed.overdue, write_schedule);
    w.EndObject();
  });
}

Resumed parse_resumed(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  Resumed resumed;
  if (const auto* overdue = reader.optional_array("overdue")) {
    resumed.overdue = read_items<ScheduleInfo>(*overdue, "overdue", read_schedule);
  }
  return resumed;
}

std::string to_json(const PublishingStatus& status) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("pauses");
    write_items(w, status.pauses, write_pause);
    w.Key("held");
    write_items(w, status.held, write_schedule);
    w.EndObject();
  });
}

PublishingStatus parse_publishing_status(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  PublishingStatus status;
  if (const auto* pauses = reader.optional_array("pauses")) {
    status.pauses = read_items<PauseInfo>(*pauses, "pauses", read_pause);
  }
  if (const auto* held = reader.optional_array("held")) {
    status.held = read_items<ScheduleInfo>(*held, "held", read_schedule);
  }
  return status;
}

std::string to_json(const BlackoutRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_blackout_window(w, request);
    w.EndObject();
  });
}

BlackoutRequest parse_blackout_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  auto request = read_blackout_window(reader);
  reader.reject_unknown();
  return request;
}

std::string to_json(const BlackoutInfo& blackout) {
  return written([&](JsonWriter& w) { write_blackout(w, blackout); });
}

std::string to_json(const std::vector<BlackoutInfo>& blackouts) {
  return written([&](JsonWriter& w) { write_items(w, blackouts, write_blackout); });
}

std::vector<BlackoutInfo> parse_blackouts(std::string_view body) {
  return read_items<BlackoutInfo>(json::parse_json(body), "blackouts", read_blackout);
}

BlackoutInfo parse_blackout_info(std::string_view body) { return read_blackout(json::parse_json(body), ""); }

std::string to_json(const std::vector<Holiday>& holidays) {
  return written([&](JsonWriter& w) {
    write_items(w, holidays, [](JsonWriter& writer, const Holiday& holiday) {
      writer.StartObject();
      write_string(writer, "day", holiday.day);
      write_string(writer, "name", holiday.name);
      writer.EndObject();
    });
  });
}

std::vector<Holiday> parse_holidays(std::string_view body) {
  return read_items<Holiday>(json::parse_json(body), "holidays",
                             [](const rapidjson::Value& value, const std::string& path) {
                               ObjectReader reader(value, path);
                               return Holiday{reader.required_string("day", 10), reader.required_string("name", 200)};
                             });
}

std::string to_json(const PublishingSettingsInfo& settings) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("catch_up_minutes");
    w.Int64(settings.catch_up_minutes);
    w.EndObject();
  });
}

PublishingSettingsInfo parse_publishing_settings(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  PublishingSettingsInfo settings;
  settings.catch_up_minutes = reader.required_int("catch_up_minutes", 0, 7 * 24 * 60);
  reader.reject_unknown();
  return settings;
}

std::string to_json(const ImportResult& result) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_import_problem(w, result.faults);
    w.Key("imported");
    write_items(w, result.imported, write_schedule);
    write_import_faults(w, result.faults);
    w.EndObject();
  });
}

ImportResult parse_import_result(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  ImportResult result;
  if (const auto* imported = reader.optional_array("imported")) {
    result.imported = read_items<ScheduleInfo>(*imported, "imported", read_schedule);
  }
  result.faults = read_import_faults(reader);
  return result;
}

}  // namespace kanal::wire
