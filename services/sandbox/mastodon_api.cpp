#include "sandbox/mastodon_api.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>
#include <algorithm>

#include <algorithm>
#include <regex>
#include <sstream>

#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "net/oauth_pkce.h"
#include "sandbox/entities.h"
#include "text/network_count.h"

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

// Mastodon's own count: graphemes, a URL as 23, a mention by its local part
// (the same rules Kanal's composer shows, so what fits there fits here).
bool fits_mastodon(const std::string& text, std::size_t max_characters) {
  try {
    text::CountRules rules;
    rules.counting = Counting::graphemes;
    rules.limit = max_characters;
    rules.characters_per_url = 23;
    rules.mention_counts_local_part_only = true;
    rules.mentions = MentionStyle::at_name_host;
    return text::count_text(text, rules).valid;
  } catch (const Error&) {
    return false;  // not valid UTF-8: Mastodon refuses it too
  }
}

}  // namespace

std::vector<std::string> mentioned_accounts(SandboxState& state, const std::string& text) {
  static const std::regex mention(R"(@([A-Za-z0-9_]+))");
  std::vector<std::string> ids;
  for (std::sregex_iterator it(text.begin(), text.end(), mention), end; it != end; ++it) {
    if (const auto* account = state.account_named((*it)[1].str())) ids.push_back(account->id);
  }
  return ids;
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
    if (state.extensions()) {
      w.Key("kanal_sandbox");  // the sandbox's extensions: hiding replies
      w.Int(1);
    }
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
    write_account(w, *account, state, base_url);
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
      if (!fits_mastodon(text, state.max_characters())) {
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
      std::string reply_to_account;
      if (!reply_to.empty()) {
        auto* parent = state.status(reply_to);
        if (parent == nullptr) return mastodon_error(404, "Record not found");
        ++parent->replies;
        reply_to_account = parent->account_id;
      }
      Status created;
      created.account_id = account->id;
      created.text = text;
      created.visibility = fields.get("visibility").empty() ? "public" : fields.get("visibility");
      created.language = fields.get("language").empty() ? "en" : fields.get("language");
      created.in_reply_to_id = reply_to;
      created.in_reply_to_account_id = reply_to_account;
      created.mentions = mentioned_accounts(state, text);
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

  // The text a status was written with, to its author (Mastodon 3.5).
  router.add("GET", "/api/v1/statuses/{id}/source", [&state](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    const auto* account = authorized(request, state);
    if (account == nullptr) return unauthorized();
    const auto* status = state.status(request.path_params.at("id"));
    if (status == nullptr || status->account_id != account->id) return mastodon_error(404, "Record not found");
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_string(w, "id", status->id);
    write_string(w, "text", status->text);
    write_string(w, "spoiler_text", "");
    w.EndObject();
    return json_response(200, buffer);
  });

  // An account's statuses, newest first, before max_id (direct ones left out, as Mastodon does).
  router.add("GET", "/api/v1/accounts/{id}/statuses", [&state, base_url](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    const auto id = request.path_params.at("id");
    if (state.account(id) == nullptr) return mastodon_error(404, "Record not found");
    std::size_t limit = 20;
    if (auto asked = request.query_value("limit");
        asked && !asked->empty() && asked->size() < 4 && asked->find_first_not_of("0123456789") == std::string::npos) {
      limit = std::clamp<std::size_t>(std::stoul(*asked), 1, 40);
    }
    const auto max_id = request.query_value("max_id").value_or("");
    const auto& statuses = state.statuses();
    auto it = statuses.rbegin();
    if (!max_id.empty()) {
      while (it != statuses.rend() && it->id != max_id) ++it;
      if (it != statuses.rend()) ++it;
    }
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartArray();
    for (std::size_t written = 0; it != statuses.rend() && written < limit; ++it) {
      if (it->account_id != id || it->deleted || it->visibility == "direct") continue;
      write_status(w, state, *it, base_url);
      ++written;
    }
    w.EndArray();
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
