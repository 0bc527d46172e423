#include "sandbox/mastodon_api.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>

#include <regex>
#include <sstream>

#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "net/oauth_pkce.h"

namespace kanal::sandbox {
namespace {

using json::JsonWriter;
using json::write_string;

class FilePart final : public Poco::Net::PartHandler {
 public:
  explicit FilePart(Fields& fields) : fields_(fields) {}
  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    fields_.file_type = header.get("Content-Type", "application/octet-stream");
    Poco::StreamCopier::copyToString(stream, fields_.file_content);
  }

 private:
  Fields& fields_;
};

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// Mastodon counts a URL as 23 characters, whatever its length.
std::size_t mastodon_length(const std::string& text) {
  static const std::regex url(R"(https?://[^\s]+)");
  const auto without_urls = std::regex_replace(text, url, "");
  const auto urls = static_cast<std::size_t>(std::distance(std::sregex_iterator(text.begin(), text.end(), url), {}));
  return utf8::code_points(without_urls).value_or(0) + 23 * urls;
}

SandboxAccount* authorized(const api::Request& request, SandboxState& state) {
  const auto header = request.header("authorization");
  if (header.rfind("Bearer ", 0) != 0) return nullptr;
  return state.account_for_token(header.substr(7));
}

api::Response json_response(int status, rapidjson::StringBuffer& buffer) {
  return api::Response::json(status, json::to_string(buffer));
}

void write_account(JsonWriter& w, const SandboxAccount& account, const std::string& base_url) {
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
  w.Key("followers_count");
  w.Int64(account.followers);
  w.Key("following_count");
  w.Int64(0);
  w.Key("statuses_count");
  w.Int64(0);
  w.Key("emojis");
  w.StartArray();
  w.EndArray();
  w.Key("fields");
  w.StartArray();
  w.EndArray();
  w.EndObject();
}

void write_media(JsonWriter& w, const MediaItem& item, const std::string& base_url, bool ready) {
  w.StartObject();
  write_string(w, "id", item.id);
  write_string(w, "type", "image");
  w.Key("url");
  if (ready) {
    w.String((base_url + "/media/" + item.id).c_str());
  } else {
    w.Null();
  }
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
  w.Key("in_reply_to_id");
  if (status.in_reply_to_id.empty()) {
    w.Null();
  } else {
    w.String(status.in_reply_to_id.c_str());
  }
  w.Key("in_reply_to_account_id");
  if (status.in_reply_to_id.empty()) {
    w.Null();
  } else {
    w.String(account.id.c_str());
  }
  w.Key("sensitive");
  w.Bool(false);
  write_string(w, "spoiler_text", "");
  write_string(w, "visibility", status.visibility);
  write_string(w, "language", status.language);
  write_string(w, "uri", base_url + "/users/" + account.username + "/statuses/" + status.id);
  write_string(w, "url", base_url + "/@" + account.username + "/" + status.id);
  w.Key("replies_count");
  w.Int64(status.replies);
  w.Key("reblogs_count");
  w.Int64(status.reblogs);
  w.Key("favourites_count");
  w.Int64(status.favourites);
  write_string(w, "content", "<p>" + html_escape(status.text) + "</p>");
  w.Key("account");
  write_account(w, account, base_url);
  w.Key("media_attachments");
  w.StartArray();
  for (const auto& id : status.media_ids) {
    if (const auto* item = state.media(id)) write_media(w, *item, base_url, true);
  }
  w.EndArray();
  for (const char* empty : {"mentions", "tags", "emojis"}) {
    w.Key(empty);
    w.StartArray();
    w.EndArray();
  }
  w.EndObject();
}

api::Response unauthorized() { return mastodon_error(401, "The access token is invalid"); }

}  // namespace

api::Response mastodon_error(int status, const std::string& message) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_string(w, "error", message);
  w.EndObject();
  return json_response(status, buffer);
}

Fields read_fields(const api::Request& request) {
  Fields fields;
  if (request.content_type.find("application/json") != std::string::npos) {
    auto doc = json::parse_json(request.body);
    if (!doc.IsObject()) throw Error(ErrorCode::invalid_input, "the body must be a JSON object");
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
      const std::string name = it->name.GetString();
      if (it->value.IsString()) {
        fields.values[name] = it->value.GetString();
      } else if (it->value.IsArray()) {
        std::string joined;  // arrays of strings (media_ids): comma-separated
        for (const auto& item : it->value.GetArray()) {
          if (item.IsString()) joined += (joined.empty() ? "" : ",") + std::string(item.GetString());
        }
        fields.values[name] = joined;
      } else if (it->value.IsBool()) {
        fields.values[name] = it->value.GetBool() ? "true" : "false";
      }
    }
    return fields;
  }
  Poco::Net::HTTPRequest http(Poco::Net::HTTPRequest::HTTP_POST, "/");
  http.setContentType(request.content_type);
  std::istringstream body(request.body);
  FilePart file(fields);
  Poco::Net::HTMLForm form;
  form.load(http, body, file);
  for (const auto& [name, value] : form) fields.values[name] = value;
  return fields;
}

void add_mastodon_routes(api::Router& router, SandboxState& state, const std::string& base_url) {
  router.add("GET", "/api/v2/instance", [&state, base_url](const api::Request&) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_string(w, "domain", "sandbox.kanal.test");
    write_string(w, "title", "Kanal sandbox");
    write_string(w, "version", "4.3.0 (compatible; Kanal sandbox)");
    write_string(w, "source_url", "");
    write_string(w, "description", "A training network for Kanal: nothing posted here leaves this machine.");
    w.Key("usage");
    w.StartObject();
    w.Key("users");
    w.StartObject();
    w.Key("active_month");
    w.Int(1);
    w.EndObject();
    w.EndObject();
    w.Key("thumbnail");
    w.StartObject();
    write_string(w, "url", base_url + "/thumbnail.png");
    w.EndObject();
    w.Key("icon");
    w.StartArray();
    w.EndArray();
    w.Key("languages");
    w.StartArray();
    for (const char* language : {"en", "sv", "da", "nb", "fi", "de"}) w.String(language);
    w.EndArray();
    w.Key("configuration");
    w.StartObject();
    w.Key("accounts");
    w.StartObject();
    w.Key("max_featured_tags");
    w.Int(10);
    w.Key("max_pinned_statuses");
    w.Int(5);
    w.EndObject();
    w.Key("statuses");
    w.StartObject();
    w.Key("max_characters");
    w.Uint64(state.max_characters());
    w.Key("max_media_attachments");
    w.Int(4);
    w.Key("characters_reserved_per_url");
    w.Int(23);
    w.EndObject();
    w.Key("media_attachments");
    w.StartObject();
    w.Key("supported_mime_types");
    w.StartArray();
    for (const char* type : {"image/png", "image/jpeg", "image/gif", "image/webp"}) w.String(type);
    w.EndArray();
    w.Key("image_size_limit");
    w.Int64(16 * 1024 * 1024);
    w.Key("description_limit");
    w.Int(1500);
    w.EndObject();
    w.EndObject();
    w.Key("registrations");
    w.StartObject();
    w.Key("enabled");
    w.Bool(false);
    w.Key("approval_required");
    w.Bool(false);
    w.EndObject();
    w.Key("contact");
    w.StartObject();
    write_string(w, "email", "sandbox@kanal.test");
    w.EndObject();
    w.Key("rules");
    w.StartArray();
    w.EndArray();
    w.Key("api_versions");
    w.StartObject();
    w.Key("mastodon");
    w.Int(2);
    w.EndObject();
    w.EndObject();
    return json_response(200, buffer);
  });

  router.add("GET", "/api/v1/accounts/verify_credentials", [&state, base_url](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    const auto* account = authorized(request, state);
    if (account == nullptr) return unauthorized();
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_account(w, *account, base_url);
    return json_response(200, buffer);
  });

  router.add("POST", "/api/v1/statuses", [&state, base_url](const api::Request& request) {
    auto fields = read_fields(request);
    std::lock_guard lock(state.mutex());
    const auto* account = authorized(request, state);
    if (account == nullptr) return unauthorized();
    const auto key = request.header("idempotency-key");
    Status* status = state.status_by_key(account->id, key);
    if (status == nullptr) {
      const auto text = fields.get("status");
      std::vector<std::string> media_ids;
      std::stringstream ids(fields.get("media_ids"));
      for (std::string id; std::getline(ids, id, ',');) {
        if (!id.empty()) media_ids.push_back(id);
      }
      if (text.empty() && media_ids.empty()) return mastodon_error(422, "Validation failed: Text can't be blank");
      if (!utf8::is_valid(text)) return mastodon_error(422, "Validation failed: Text is not valid UTF-8");
      if (mastodon_length(text) > state.max_characters()) {
        return mastodon_error(
            422, "Validation failed: Text character limit of " + std::to_string(state.max_characters()) + " exceeded");
      }
      for (const auto& id : media_ids) {
        const auto* item = state.media(id);
        if (item == nullptr) return mastodon_error(422, "Validation failed: media " + id + " does not exist");
        if (item->ready_at > SystemClock{}.now()) {
          return mastodon_error(422, "Cannot attach files that have not finished processing. Try again in a moment!");
        }
      }
      const auto reply_to = fields.get("in_reply_to_id");
      if (!reply_to.empty()) {
        auto* parent = state.status(reply_to);
        if (parent == nullptr) return mastodon_error(404, "Record not found");
        ++parent->replies;
      }
      Status created;
      created.account_id = account->id;
      created.text = text;
      created.visibility = fields.get("visibility").empty() ? "public" : fields.get("visibility");
      created.language = fields.get("language").empty() ? "en" : fields.get("language");
      created.in_reply_to_id = reply_to;
      created.idempotency_key = key;
      created.media_ids = media_ids;
      created.created_at = SystemClock{}.now();
      status = &state.add_status(std::move(created));
    }
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_status(w, state, *status, base_url);
    return json_response(200, buffer);
  });

  router.add("GET", "/api/v1/statuses/{id}", [&state, base_url](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    const auto* status = state.status(request.path_params.at("id"));
    if (status == nullptr) return mastodon_error(404, "Record not found");
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_status(w, state, *status, base_url);
    return json_response(200, buffer);
  });

  router.add("DELETE", "/api/v1/statuses/{id}", [&state, base_url](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    const auto* account = authorized(request, state);
    if (account == nullptr) return unauthorized();
    auto* status = state.status(request.path_params.at("id"));
    if (status == nullptr || status->account_id != account->id) return mastodon_error(404, "Record not found");
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_status(w, state, *status, base_url);
    status->deleted = true;
    return json_response(200, buffer);
  });

  router.add("POST", "/api/v2/media", [&state, base_url](const api::Request& request) {
    auto fields = read_fields(request);
    std::lock_guard lock(state.mutex());
    const auto* account = authorized(request, state);
    if (account == nullptr) return unauthorized();
    if (fields.file_content.empty()) return mastodon_error(422, "Validation failed: File can't be blank");
    MediaItem item;
    item.account_id = account->id;
    item.description = fields.get("description");
    item.content_type = fields.file_type;
    item.bytes = fields.file_content.size();
    item.ready_at = SystemClock{}.now() + std::chrono::milliseconds(300);  // "processing"
    const auto& added = state.add_media(std::move(item));
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_media(w, added, base_url, false);
    return json_response(202, buffer);
  });

  router.add("GET", "/api/v1/media/{id}", [&state, base_url](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    if (authorized(request, state) == nullptr) return unauthorized();
    const auto* item = state.media(request.path_params.at("id"));
    if (item == nullptr) return mastodon_error(404, "Record not found");
    const bool ready = item->ready_at <= SystemClock{}.now();
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_media(w, *item, base_url, ready);
    return json_response(ready ? 200 : 206, buffer);
  });
}

}  // namespace kanal::sandbox
