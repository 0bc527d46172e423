#include "api/wire/messages.h"

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
  writer.EndObject();
}

Timestamp read_time(ObjectReader& reader, const char* name) {
  auto text = reader.required_string(name, 64);
  auto at = parse_iso8601(text);
  if (!at) throw Error(ErrorCode::invalid_input, reader.field(name) + " is not an RFC 3339 time", reader.field(name));
  return *at;
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
  post.created_at = read_time(reader, "created_at");
  post.updated_at = read_time(reader, "updated_at");
  if (const auto* variants = reader.optional_array("variants")) post.variants = read_variants(*variants);
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
  reader.reject_unknown();
  return request;
}

std::string to_json(const CreatePostRequest& request) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_string(writer, "text", request.text);
  write_variants(writer, request.variants);
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
  write_string(writer, "user", info.user);
  writer.EndObject();
  return to_string(buffer);
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
  info.user = reader.optional_string("user", 256).value_or("");
  return info;
}

}  // namespace kanal::wire
