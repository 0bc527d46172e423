#include "sandbox/entities.h"

namespace kanal::sandbox {

using json::JsonWriter;
using json::write_string;

namespace {

void write_nullable(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  if (value.empty()) {
    w.Null();
  } else {
    w.String(value.c_str());
  }
}

void write_empty_array(JsonWriter& w, const char* key) {
  w.Key(key);
  w.StartArray();
  w.EndArray();
}

std::int64_t statuses_count(SandboxState& state, const std::string& account_id) {
  std::int64_t count = 0;
  for (const auto& status : state.statuses()) count += status.account_id == account_id && !status.deleted ? 1 : 0;
  return count;
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

api::Response json_response(int status, rapidjson::StringBuffer& buffer) {
  return api::Response::json(status, json::to_string(buffer));
}

api::Response mastodon_error(int status, const std::string& message) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_string(w, "error", message);
  w.EndObject();
  return json_response(status, buffer);
}

SandboxAccount* authorized(const api::Request& request, SandboxState& state) {
  const auto header = request.header("authorization");
  if (header.rfind("Bearer ", 0) != 0) return nullptr;
  return state.account_for_token(header.substr(7));
}

api::Response unauthorized() { return mastodon_error(401, "The access token is invalid"); }

namespace {

// A count, unless the server has stopped giving it.
void write_count(JsonWriter& w, const SandboxState& state, const char* name, std::int64_t value) {
  if (!state.gives_count(name)) return;
  w.Key(name);
  w.Int64(value);
}

}  // namespace

void write_account(JsonWriter& w, const SandboxAccount& account, SandboxState& state, const std::string& base_url) {
  w.StartObject();
  write_string(w, "id", account.id);
  write_string(w, "username", account.username);
  write_string(w, "acct", account.username);
  write_string(w, "display_name", account.display_name);
  w.Key("locked");
  w.Bool(false);
  w.Key("bot");
  w.Bool(false);
  write_string(w, "created_at", "2025-01-01T00:00:00.000Z");
  write_string(w, "note", "");
  write_string(w, "url", base_url + "/@" + account.username);
  write_string(w, "avatar", base_url + "/avatars/original/missing.png");
  write_string(w, "header", base_url + "/headers/original/missing.png");
  write_count(w, state, "followers_count", account.followers);
  write_count(w, state, "following_count", account.following);
  write_count(w, state, "statuses_count", statuses_count(state, account.id));
  write_empty_array(w, "emojis");
  write_empty_array(w, "fields");
  w.EndObject();
}

void write_media(JsonWriter& w, const MediaItem& item, const std::string& base_url, bool ready) {
  w.StartObject();
  write_string(w, "id", item.id);
  write_string(w, "type", "image");
  write_nullable(w, "url", ready ? base_url + "/media/" + item.id : std::string());
  write_string(w, "preview_url", base_url + "/media/" + item.id + "/small");
  write_string(w, "description", item.description);
  w.Key("blurhash");
  w.Null();
  w.EndObject();
}

void write_status(JsonWriter& w, SandboxState& state, const Status& status, const std::string& base_url) {
  const auto* author = state.account(status.account_id);
  const auto& account = author != nullptr ? *author : state.demo_account();
  w.StartObject();
  write_string(w, "id", status.id);
  write_string(w, "created_at", to_iso8601(status.created_at));
  write_nullable(w, "in_reply_to_id", status.in_reply_to_id);
  write_nullable(w, "in_reply_to_account_id", status.in_reply_to_account_id);
  w.Key("sensitive");
  w.Bool(false);
  write_string(w, "spoiler_text", "");
  write_string(w, "visibility", status.visibility);
  write_string(w, "language", status.language);
  write_string(w, "uri", base_url + "/users/" + account.username + "/statuses/" + status.id);
  write_string(w, "url", base_url + "/@" + account.username + "/" + status.id);
  write_count(w, state, "replies_count", status.replies);
  write_count(w, state, "reblogs_count", status.reblogs);
  write_count(w, state, "favourites_count", status.favourites);
  write_string(w, "content", "<p>" + html_escape(status.text) + "</p>");
  w.Key("account");
  write_account(w, account, state, base_url);
  w.Key("media_attachments");
  w.StartArray();
  for (const auto& id : status.media_ids) {
    if (const auto* item = state.media(id)) write_media(w, *item, base_url, true);
  }
  w.EndArray();
  w.Key("mentions");
  w.StartArray();
  for (const auto& id : status.mentions) {
    const auto* mentioned = state.account(id);
    if (mentioned == nullptr) continue;
    w.StartObject();
    write_string(w, "id", mentioned->id);
    write_string(w, "username", mentioned->username);
    write_string(w, "acct", mentioned->username);
    write_string(w, "url", base_url + "/@" + mentioned->username);
    w.EndObject();
  }
  w.EndArray();
  write_empty_array(w, "tags");
  write_empty_array(w, "emojis");
  w.EndObject();
}

void write_notification(JsonWriter& w, SandboxState& state, const Notification& notification,
                        const std::string& base_url) {
  w.StartObject();
  write_string(w, "id", notification.id);
  write_string(w, "type", notification.type);
  write_string(w, "created_at", to_iso8601(notification.created_at));
  if (const auto* from = state.account(notification.from_account_id)) {
    w.Key("account");
    write_account(w, *from, state, base_url);
  }
  if (!notification.status_id.empty()) {
    if (const auto* status = state.status(notification.status_id)) {
      w.Key("status");
      write_status(w, state, *status, base_url);
    }
  }
  w.EndObject();
}

void write_relationship(JsonWriter& w, const SandboxAccount& owner, const std::string& other_id) {
  w.StartObject();
  write_string(w, "id", other_id);
  for (const char* no : {"following", "showing_reblogs", "notifying", "followed_by", "blocked_by",
                         "muting_notifications", "requested", "requested_by", "domain_blocking", "endorsed"}) {
    w.Key(no);
    w.Bool(false);
  }
  w.Key("blocking");
  w.Bool(owner.blocked.count(other_id) != 0);
  w.Key("muting");
  w.Bool(owner.muted.count(other_id) != 0);
  write_empty_array(w, "languages");
  write_string(w, "note", "");
  w.EndObject();
}

void write_report(JsonWriter& w, SandboxState& state, const Report& report, const std::string& base_url) {
  w.StartObject();
  write_string(w, "id", report.id);
  w.Key("action_taken");
  w.Bool(false);
  w.Key("action_taken_at");
  w.Null();
  write_string(w, "category", report.category);
  write_string(w, "comment", report.comment);
  w.Key("forwarded");
  w.Bool(false);
  write_string(w, "created_at", to_iso8601(SystemClock{}.now()));
  w.Key("status_ids");
  w.StartArray();
  for (const auto& id : report.status_ids) w.String(id.c_str());
  w.EndArray();
  w.Key("rule_ids");
  w.Null();
  if (const auto* target = state.account(report.target_account_id)) {
    w.Key("target_account");
    write_account(w, *target, state, base_url);
  }
  w.EndObject();
}

}  // namespace kanal::sandbox
