#include "api/wire/messages.h"

#include <limits>

#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::parse_json;
using json::to_string;
using json::write_string;
namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

std::vector<Variant> read_variants(const rapidjson::Value& array) {
  if (array.Size() > kMaxVariants) {
    throw Error(ErrorCode::invalid_input, "at most " + std::to_string(kMaxVariants) + " variants", "variants");
  }
  std::vector<Variant> variants;
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    ObjectReader reader(array[i], "variants[" + std::to_string(i) + "].");
    Variant variant;
    variant.account = AccountId{reader.required_int("account_id", 1, kMaxId)};
    variant.text = reader.required_string("text", kMaxPostTextCodePoints);
    reader.reject_unknown();
    for (const auto& earlier : variants) {
      if (earlier.account == variant.account) {
        throw Error(ErrorCode::invalid_input, "account " + std::to_string(variant.account.value) + " appears twice",
                    reader.field("account_id"));
      }
    }
    variants.push_back(std::move(variant));
  }
  return variants;
}

std::vector<Attachment> read_attachments(const rapidjson::Value& array, const std::string& path) {
  if (array.Size() > kMaxImagesPerPart) {
    throw Error(ErrorCode::invalid_input, "at most " + std::to_string(kMaxImagesPerPart) + " images on one part", path);
  }
  std::vector<Attachment> media;
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    ObjectReader reader(array[i], path + "[" + std::to_string(i) + "].");
    Attachment attachment;
    attachment.media = MediaId{reader.required_int("media_id", 1, kMaxId)};
    attachment.description = reader.optional_string("description", kMaxAltTextCodePoints).value_or("");
    reader.reject_unknown();
    media.push_back(std::move(attachment));
  }
  return media;
}

std::vector<ThreadPart> read_thread(const rapidjson::Value& array) {
  if (array.Size() > kMaxThreadParts) {
    throw Error(ErrorCode::invalid_input, "a thread has at most " + std::to_string(kMaxThreadParts + 1) + " parts",
                "thread");
  }
  std::vector<ThreadPart> thread;
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    const std::string path = "thread[" + std::to_string(i) + "]";
    ObjectReader reader(array[i], path + ".");
    ThreadPart part;
    part.text = reader.optional_string("text", kMaxPostTextCodePoints).value_or("");
    if (const auto* media = reader.optional_array("media")) part.media = read_attachments(*media, path + ".media");
    reader.reject_unknown();
    if (part.text.find_first_not_of(" \t\r\n") == std::string::npos && part.media.empty()) {
      throw Error(ErrorCode::invalid_input, path + " has neither text nor an image", path + ".text");
    }
    thread.push_back(std::move(part));
  }
  return thread;
}

void write_attachments(JsonWriter& writer, const std::vector<Attachment>& media) {
  writer.Key("media");
  writer.StartArray();
  for (const auto& attachment : media) {
    writer.StartObject();
    writer.Key("media_id");
    writer.Int64(attachment.media.value);
    write_string(writer, "description", attachment.description);
    writer.EndObject();
  }
  writer.EndArray();
}

void write_thread(JsonWriter& writer, const std::vector<ThreadPart>& thread) {
  writer.Key("thread");
  writer.StartArray();
  for (const auto& part : thread) {
    writer.StartObject();
    write_string(writer, "text", part.text);
    write_attachments(writer, part.media);
    writer.EndObject();
  }
  writer.EndArray();
}

void write_variants(JsonWriter& writer, const std::vector<Variant>& variants) {
  writer.Key("variants");
  writer.StartArray();
  for (const auto& variant : variants) {
    writer.StartObject();
    writer.Key("account_id");
    writer.Int64(variant.account.value);
    write_string(writer, "text", variant.text);
    writer.EndObject();
  }
  writer.EndArray();
}

void require_text(const std::string& text, const std::string& field) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(ErrorCode::invalid_input, field + " must not be empty", field);
  }
}

void write_origin(JsonWriter& writer, const PostOrigin& origin) {
  if (origin.template_id.empty()) return;
  writer.Key("origin");
  writer.StartObject();
  write_string(writer, "template", origin.template_id);
  write_string(writer, "segment", origin.segment_id);
  write_string(writer, "template_text", origin.template_text);
  writer.Key("fields");
  writer.StartObject();
  for (const auto& [name, value] : origin.fields) write_string(writer, name.c_str(), value);
  writer.EndObject();
  writer.EndObject();
}

PostOrigin read_origin(ObjectReader& parent) {
  const auto* value = parent.optional_object("origin");
  if (value == nullptr) return {};
  ObjectReader reader(*value, parent.field("origin."));
  PostOrigin origin;
  origin.template_id = reader.required_string("template", 64);
  origin.segment_id = reader.optional_string("segment", 64).value_or("");
  origin.template_text = reader.required_string("template_text", kMaxPostTextCodePoints);
  if (const auto* fields = reader.optional_object("fields")) {
    for (auto it = fields->MemberBegin(); it != fields->MemberEnd(); ++it) {
      if (!it->value.IsString()) {
        throw Error(ErrorCode::invalid_input, "origin.fields holds text values", "origin.fields");
      }
      origin.fields.emplace(it->name.GetString(), it->value.GetString());
    }
  }
  reader.reject_unknown();
  return origin;
}

// A language code such as "sv" or "en" (empty: not said).
std::string read_language(ObjectReader& reader) {
  auto language = reader.optional_string("language", 8).value_or("");
  for (const char c : language) {
    if (c < 'a' || c > 'z') throw Error(ErrorCode::invalid_input, "language is a code such as sv or en", "language");
  }
  return language;
}

void write_post(JsonWriter& writer, const Post& post) {
  writer.StartObject();
  writer.Key("id");
  writer.Int64(post.id.value);
  writer.Key("author_id");
  writer.Int64(post.author.value);
  write_string(writer, "text", post.text);
  write_string(writer, "state", to_string(post.state));
  writer.Key("version");
  writer.Int64(post.version);
  write_string(writer, "created_at", to_iso8601(post.created_at));
  write_string(writer, "updated_at", to_iso8601(post.updated_at));
  write_variants(writer, post.variants);
  write_attachments(writer, post.media);
  write_thread(writer, post.thread);
  write_string(writer, "language", post.language);
  write_origin(writer, post.origin);
  writer.Key("needs_expert_check");
  writer.Bool(post.needs_expert_check);
  if (post.reply_to.valid()) {
    writer.Key("reply_to");
    writer.Int64(post.reply_to.value);
  }
  writer.EndObject();
}

// Responses are read leniently about extra fields (a newer server may add
// some) but strictly about the ones we use.
Post read_post(const rapidjson::Value& value, const std::string& path) {
  ObjectReader reader(value, path);
  Post post;
  post.id = PostId{reader.required_int("id", 1, kMaxId)};
  post.author = UserId{reader.required_int("author_id", 1, kMaxId)};
  post.text = reader.required_string("text", kMaxPostTextCodePoints);
  const auto state = reader.required_string("state", 32);
  post.state = parse_post_state(state).value_or(PostState::draft);
  post.version = reader.required_int("version", 1, kMaxId);
  post.created_at = reader.required_time("created_at");
  post.updated_at = reader.required_time("updated_at");
  if (const auto* variants = reader.optional_array("variants")) post.variants = read_variants(*variants);
  if (const auto* media = reader.optional_array("media")) post.media = read_attachments(*media, path + "media");
  if (const auto* thread = reader.optional_array("thread")) post.thread = read_thread(*thread);
  post.language = reader.optional_string("language", 8).value_or("");
  post.origin = read_origin(reader);
  post.needs_expert_check = reader.optional_bool("needs_expert_check").value_or(false);
  post.reply_to =
      InteractionId{reader.optional_int("reply_to", 1, std::numeric_limits<std::int64_t>::max()).value_or(0)};
  return post;
}

}  // namespace

CreatePostRequest parse_create_post(std::string_view body) {
  auto doc = parse_json(body);
  ObjectReader reader(doc);
  CreatePostRequest request;
  request.text = reader.required_string("text", kMaxPostTextCodePoints);
  require_text(request.text, "text");
  if (const auto* variants = reader.optional_array("variants")) request.variants = read_variants(*variants);
  if (const auto* media = reader.optional_array("media")) request.media = read_attachments(*media, "media");
  if (const auto* thread = reader.optional_array("thread")) request.thread = read_thread(*thread);
  request.language = read_language(reader);
  request.origin = read_origin(reader);
  reader.reject_unknown();
  return request;
}

UpdatePostRequest parse_update_post(std::string_view body) {
  auto doc = parse_json(body);
  ObjectReader reader(doc);
  UpdatePostRequest request;
  request.version = reader.required_int("version", 1, kMaxId);
  request.text = reader.optional_string("text", kMaxPostTextCodePoints);
  if (request.text) require_text(*request.text, "text");
  if (const auto* variants = reader.optional_array("variants")) request.variants = read_variants(*variants);
  if (const auto* media = reader.optional_array("media")) request.media = read_attachments(*media, "media");
  if (const auto* thread = reader.optional_array("thread")) request.thread = read_thread(*thread);
  if (reader.has("language")) request.language = read_language(reader);
  reader.reject_unknown();
  return request;
}

std::string to_json(const CreatePostRequest& request) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_string(writer, "text", request.text);
  write_variants(writer, request.variants);
  write_attachments(writer, request.media);
  write_thread(writer, request.thread);
  if (!request.language.empty()) write_string(writer, "language", request.language);
  write_origin(writer, request.origin);
  writer.EndObject();
  return to_string(buffer);
}

std::string to_json(const UpdatePostRequest& request) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("version");
  writer.Int64(request.version);
  if (request.text) write_string(writer, "text", *request.text);
  if (request.variants) write_variants(writer, *request.variants);
  if (request.media) write_attachments(writer, *request.media);
  if (request.thread) write_thread(writer, *request.thread);
  if (request.language) write_string(writer, "language", *request.language);
  writer.EndObject();
  return to_string(buffer);
}

std::string to_json(const Post& post) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  write_post(writer, post);
  return to_string(buffer);
}

std::string to_json(const PostList& list) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("items");
  writer.StartArray();
  for (const auto& post : list.items) write_post(writer, post);
  writer.EndArray();
  writer.Key("next_cursor");
  if (list.next_cursor) {
    writer.String(list.next_cursor->c_str());
  } else {
    writer.Null();
  }
  writer.EndObject();
  return to_string(buffer);
}

std::string to_json(const ServerInfo& info) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_string(writer, "version", info.version);
  writer.Key("api_version");
  writer.Int(info.api_version);
  write_string(writer, "database", info.database);
  write_string(writer, "mode", info.mode);
  writer.EndObject();
  return to_string(buffer);
}

std::string to_json(const MediaInfo& media) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("id");
  writer.Int64(media.id.value);
  writer.Key("uploader_id");
  writer.Int64(media.uploader.value);
  write_string(writer, "content_type", media.content_type);
  write_string(writer, "filename", media.filename);
  writer.Key("size_bytes");
  writer.Int64(media.size_bytes);
  write_string(writer, "sha256", media.sha256);
  write_string(writer, "created_at", to_iso8601(media.created_at));
  writer.EndObject();
  return to_string(buffer);
}

MediaInfo parse_media_info(std::string_view body) {
  auto doc = parse_json(body);
  ObjectReader reader(doc);
  MediaInfo media;
  media.id = MediaId{reader.required_int("id", 1, kMaxId)};
  media.uploader = UserId{reader.required_int("uploader_id", 1, kMaxId)};
  media.content_type = reader.required_string("content_type", 64);
  media.filename = reader.required_string("filename", 255);
  media.size_bytes = reader.required_int("size_bytes", 0, kMaxId);
  media.sha256 = reader.required_string("sha256", 64);
  media.created_at = reader.required_time("created_at");
  return media;
}

Post parse_post(std::string_view body) {
  auto doc = parse_json(body);
  return read_post(doc, "");
}

PostList parse_post_list(std::string_view body) {
  auto doc = parse_json(body);
  ObjectReader reader(doc);
  PostList list;
  const auto* items = reader.optional_array("items");
  if (items == nullptr) throw Error(ErrorCode::invalid_input, "items is required", "items");
  for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
    list.items.push_back(read_post((*items)[i], "items[" + std::to_string(i) + "]."));
  }
  list.next_cursor = reader.optional_string("next_cursor", 64);
  return list;
}

ServerInfo parse_server_info(std::string_view body) {
  auto doc = parse_json(body);
  ObjectReader reader(doc);
  ServerInfo info;
  info.version = reader.required_string("version", 64);
  info.api_version = static_cast<int>(reader.required_int("api_version", 0, 1000));
  info.database = reader.optional_string("database", 32).value_or("");
  info.mode = reader.optional_string("mode", 32).value_or("");
  return info;
}

}  // namespace kanal::wire
