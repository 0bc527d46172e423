#include "api/wire/audit.h"

#include <limits>

#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::write_string;
using json::written;

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

void write_event(JsonWriter& w, const AuditEvent& e) {
  w.StartObject();
  w.Key("seq");
  w.Int64(e.seq);
  w.Key("id");
  w.Int64(e.id);
  write_string(w, "at", to_iso8601(e.at));
  w.Key("actor_id");
  if (e.actor) {
    w.Int64(e.actor->value);
  } else {
    w.Null();
  }
  write_string(w, "action", e.action);
  write_string(w, "object_type", e.object_type);
  w.Key("object_id");
  w.Int64(e.object_id);
  write_string(w, "detail", e.detail);
  write_string(w, "prev_hash", e.prev_hash);
  write_string(w, "hash", e.hash);
  w.EndObject();
}

AuditEvent read_event(const rapidjson::Value& value) {
  ObjectReader r(value, "events.");
  AuditEvent e;
  e.seq = r.required_int("seq", 0, kMaxId);
  e.id = r.required_int("id", 0, kMaxId);
  const auto at = parse_iso8601(r.required_string("at", 64));
  if (!at) throw Error(ErrorCode::malformed_json, "an audit event's time is not RFC 3339");
  e.at = *at;
  if (auto actor = r.optional_int("actor_id", 1, kMaxId)) e.actor = UserId{*actor};
  e.action = r.required_string("action", 200);
  e.object_type = r.required_string("object_type", 200);
  e.object_id = r.required_int("object_id", 0, kMaxId);
  e.detail = r.required_string("detail", 10'000'000);
  e.prev_hash = r.required_string("prev_hash", 64);
  e.hash = r.required_string("hash", 64);
  return e;
}

// A CSV field: quoted, inner quotes doubled.
std::string csv_field(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string to_json(const AuditPage& page) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("events");
    w.StartArray();
    for (const auto& e : page.events) write_event(w, e);
    w.EndArray();
    if (page.next_after) {
      w.Key("next_after");
      w.Int64(*page.next_after);
    }
    w.Key("withheld");
    w.Int64(page.withheld);
    w.EndObject();
  });
}

AuditPage parse_audit_page(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "an audit page must be a JSON object");
  ObjectReader reader(doc);
  AuditPage page;
  if (const auto* events = reader.optional_array("events")) {
    for (const auto& e : events->GetArray()) page.events.push_back(read_event(e));
  }
  if (auto next = reader.optional_int("next_after", 0, kMaxId)) page.next_after = *next;
  page.withheld = reader.optional_int("withheld", 0, kMaxId).value_or(0);
  return page;
}

std::string to_jsonl(const std::vector<AuditEvent>& events) {
  std::string out;
  for (const auto& e : events) out += written([&](JsonWriter& w) { write_event(w, e); }) + "\n";
  return out;
}

std::string to_csv(const std::vector<AuditEvent>& events) {
  std::string out = "seq,id,at,actor_id,action,object_type,object_id,detail,prev_hash,hash\r\n";
  for (const auto& e : events) {
    out += std::to_string(e.seq) + "," + std::to_string(e.id) + "," + to_iso8601(e.at) + "," +
           (e.actor ? std::to_string(e.actor->value) : std::string()) + "," + csv_field(e.action) + "," +
           csv_field(e.object_type) + "," + std::to_string(e.object_id) + "," + csv_field(e.detail) + "," +
           e.prev_hash + "," + e.hash + "\r\n";
  }
  return out;
}

std::string to_json(const AuditChainCheck& check) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("intact");
    w.Bool(check.intact);
    w.Key("events");
    w.Int64(check.events);
    if (check.anchored_seq > 0) {
      w.Key("anchored_seq");
      w.Int64(check.anchored_seq);
    }
    if (!check.intact) {
      w.Key("broken_seq");
      w.Int64(check.broken_seq);
      w.Key("broken_id");
      w.Int64(check.broken_id);
      write_string(w, "reason", check.reason);
    }
    w.EndObject();
  });
}

AuditChainCheck parse_audit_check(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "a chain check must be a JSON object");
  ObjectReader reader(doc);
  AuditChainCheck check;
  check.intact = reader.optional_bool("intact").value_or(false);
  check.events = reader.required_int("events", 0, kMaxId);
  check.broken_seq = reader.optional_int("broken_seq", 0, kMaxId).value_or(0);
  check.broken_id = reader.optional_int("broken_id", 0, kMaxId).value_or(0);
  check.reason = reader.optional_string("reason", 10'000).value_or("");
  check.anchored_seq = reader.optional_int("anchored_seq", 0, kMaxId).value_or(0);
  return check;
}

std::string to_json(const AuditAnchor& anchor) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "kind", "kanal-audit-anchor");
    w.Key("seq");
    w.Int64(anchor.seq);
    write_string(w, "hash", anchor.hash);
    write_string(w, "event_at", to_iso8601(anchor.event_at));
    write_string(w, "anchored_at", to_iso8601(anchor.anchored_at));
    write_string(w, "public_key", anchor.public_key);
    write_string(w, "signature", anchor.signature);
    w.EndObject();
  });
}

AuditAnchor parse_audit_anchor(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "an audit anchor must be a JSON object");
  ObjectReader reader(doc);
  if (reader.required_string("kind", 40) != "kanal-audit-anchor") {
    throw Error(ErrorCode::invalid_input, "this is not a Kanal audit anchor", "kind");
  }
  AuditAnchor anchor;
  anchor.seq = reader.required_int("seq", 1, kMaxId);
  anchor.hash = reader.required_string("hash", 64);
  anchor.event_at = reader.required_time("event_at");
  anchor.anchored_at = reader.required_time("anchored_at");
  anchor.public_key = reader.required_string("public_key", 64);
  anchor.signature = reader.required_string("signature", 128);
  reader.reject_unknown();
  return anchor;
}

}  // namespace kanal::wire
