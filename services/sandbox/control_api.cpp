#include "sandbox/control_api.h"

#include <set>

#include "core/error.h"
#include "core/json.h"

namespace kanal::sandbox {

using json::JsonWriter;
using json::write_string;

void add_control_routes(api::Router& router, SandboxState& state, FaultPlan& faults, Audience& audience) {
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
      const auto* author = state.account(status.account_id);
      write_string(w, "account", author != nullptr ? author->username : "");
      w.Key("citizen");
      w.Bool(author != nullptr && author->citizen);
      write_string(w, "text", status.text);
      write_string(w, "visibility", status.visibility);
      write_string(w, "language", status.language);
      write_string(w, "kind", status.corpus_kind);
      w.Key("favourites");
      w.Int64(status.favourites);
      w.Key("reblogs");
      w.Int64(status.reblogs);
      w.Key("replies");
      w.Int64(status.replies);
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
      w.Key("hidden");
      w.Bool(status.hidden);
      w.EndObject();
    }
    w.EndArray();
    return api::Response::json(200, json::to_string(buffer));
  });

  // A citizen's comment on demand: {"text", "in_reply_to_id"?, "to"?, "from"?, "language"?,
  // "visibility"?}. It answers a status (and tells its author), or mentions
  // the agency account `to` (the demo account when absent).
  router.add("POST", "/_sandbox/comments", [&state](const api::Request& request) {
    auto doc = json::parse_json(request.body);
    json::ObjectReader reader(doc);
    const auto text = reader.required_string("text", 20'000'000);
    const auto in_reply_to = reader.optional_string("in_reply_to_id", 64).value_or("");
    const auto to = reader.optional_string("to", 64).value_or("");
    const auto from = reader.optional_string("from", 64).value_or("anna_citizen");
    const auto language = reader.optional_string("language", 8).value_or("en");
    const auto visibility = reader.optional_string("visibility", 16).value_or("public");
    reader.reject_unknown();
    std::lock_guard lock(state.mutex());
    auto* author = state.account_named(from);
    if (author == nullptr) author = &state.add_citizen(from, from, language);
    Status comment;
    comment.account_id = author->id;
    comment.text = text;
    comment.language = language;
    comment.visibility = visibility;
    comment.created_at = SystemClock{}.now();
    std::string agency_id;
    if (!in_reply_to.empty()) {
      auto* parent = state.status(in_reply_to);
      if (parent == nullptr) return api::Response::json(404, R"({"error":"no such status"})");
      comment.in_reply_to_id = parent->id;
      comment.in_reply_to_account_id = parent->account_id;
      agency_id = parent->account_id;
      ++parent->replies;
    } else {
      auto* agency = to.empty() ? &state.demo_account() : state.account_named(to);
      if (agency == nullptr) return api::Response::json(404, R"({"error":"no such account"})");
      agency_id = agency->id;
    }
    comment.mentions = {agency_id};
    const auto& added = state.add_status(std::move(comment));
    state.notify(Notification{{}, "mention", agency_id, author->id, added.id, SystemClock{}.now()});
    return api::Response::json(201, "{\"id\":\"" + added.id + "\"}");
  });
  router.add("GET", "/_sandbox/secrets", [&state](const api::Request&) {
    std::lock_guard lock(state.mutex());
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartArray();
    for (const auto& secret : state.issued_secrets()) w.String(secret.c_str());
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
  router.add("POST", "/_sandbox/audience/advance", [&audience](const api::Request& request) {
    auto doc = json::parse_json(request.body);
    json::ObjectReader reader(doc);
    const auto minutes = reader.required_int("minutes", 1, 31 * 24 * 60);
    reader.reject_unknown();
    audience.advance(std::chrono::minutes(minutes));
    return api::Response::empty(204);
  });
  // {"counts":["favourites_count"]}: the server stops giving these ([] gives all again).
  router.add("POST", "/_sandbox/withhold-counts", [&state](const api::Request& request) {
    auto doc = json::parse_json(request.body);
    json::ObjectReader reader(doc);
    std::set<std::string> names;
    if (const auto* counts = reader.optional_array("counts")) {
      for (const auto& name : counts->GetArray()) {
        if (!name.IsString()) throw Error(ErrorCode::invalid_input, "counts holds names", "counts");
        names.insert(name.GetString());
      }
    }
    reader.reject_unknown();
    std::lock_guard lock(state.mutex());
    state.set_withheld_counts(std::move(names));
    return api::Response::empty(204);
  });
  router.add("GET", "/_sandbox/moderation", [&state](const api::Request&) {
    std::lock_guard lock(state.mutex());
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    for (const char* list : {"muted", "blocked"}) {
      w.Key(list);
      w.StartArray();
      for (auto* agency : state.agency_accounts()) {
        for (const auto& id : std::string(list) == "muted" ? agency->muted : agency->blocked) {
          const auto* other = state.account(id);
          w.StartObject();
          write_string(w, "by", agency->username);
          write_string(w, "account", other != nullptr ? other->username : id);
          w.EndObject();
        }
      }
      w.EndArray();
    }
    w.Key("reports");
    w.StartArray();
    for (const auto& report : state.reports()) {
      const auto* target = state.account(report.target_account_id);
      w.StartObject();
      write_string(w, "account", target != nullptr ? target->username : report.target_account_id);
      write_string(w, "comment", report.comment);
      write_string(w, "category", report.category);
      w.Key("status_ids");
      w.StartArray();
      for (const auto& id : report.status_ids) w.String(id.c_str());
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return api::Response::json(200, json::to_string(buffer));
  });
  router.add("POST", "/_sandbox/reset", [&state](const api::Request&) {
    std::lock_guard lock(state.mutex());
    state.reset();
    return api::Response::empty(204);
  });
}

}  // namespace kanal::sandbox
