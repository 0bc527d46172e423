#include "sandbox/control_api.h"

#include "core/json.h"

namespace kanal::sandbox {

using json::JsonWriter;
using json::write_string;

void add_control_routes(api::Router& router, SandboxState& state, FaultPlan& faults) {
  router.add("GET", "/_sandbox/requests", [&state](const api::Request&) {
    std::lock_guard lock(state.mutex());
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartArray();
    for (const auto& request : state.requests()) {
      w.StartObject();
      write_string(w, "at", to_iso8601(request.at));
      write_string(w, "method", request.method);
      write_string(w, "path", request.path);
      write_string(w, "idempotency_key", request.idempotency_key);
      w.Key("status");
      w.Int(request.status);
      w.EndObject();
    }
    w.EndArray();
    return api::Response::json(200, json::to_string(buffer));
  });

  router.add("GET", "/_sandbox/statuses", [&state](const api::Request&) {
    std::lock_guard lock(state.mutex());
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartArray();
    for (const auto& status : state.statuses()) {
      w.StartObject();
      write_string(w, "id", status.id);
      write_string(w, "text", status.text);
      write_string(w, "in_reply_to_id", status.in_reply_to_id);
      write_string(w, "idempotency_key", status.idempotency_key);
      w.Key("media");
      w.StartArray();
      for (const auto& id : status.media_ids) {
        const auto* item = state.media(id);
        w.StartObject();
        write_string(w, "id", id);
        write_string(w, "description", item != nullptr ? item->description : "");
        w.EndObject();
      }
      w.EndArray();
      w.Key("deleted");
      w.Bool(status.deleted);
      w.EndObject();
    }
    w.EndArray();
    return api::Response::json(200, json::to_string(buffer));
  });

  router.add("POST", "/_sandbox/faults", [&faults](const api::Request& request) {
    faults.add(FaultPlan::parse(request.body));
    return api::Response::empty(204);
  });
  router.add("DELETE", "/_sandbox/faults", [&faults](const api::Request&) {
    faults.clear();
    return api::Response::empty(204);
  });
  router.add("POST", "/_sandbox/latency", [&faults](const api::Request& request) {
    auto doc = json::parse_json(request.body);
    json::ObjectReader reader(doc);
    faults.set_latency(std::chrono::milliseconds(reader.required_int("ms", 0, 60000)));
    reader.reject_unknown();
    return api::Response::empty(204);
  });
  router.add("POST", "/_sandbox/revoke-tokens", [&state](const api::Request&) {
    std::lock_guard lock(state.mutex());
    state.revoke_tokens();
    return api::Response::empty(204);
  });
  router.add("POST", "/_sandbox/reset", [&state](const api::Request&) {
    std::lock_guard lock(state.mutex());
    state.reset();
    return api::Response::empty(204);
  });
}

}  // namespace kanal::sandbox
