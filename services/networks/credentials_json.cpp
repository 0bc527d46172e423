#include "networks/credentials_json.h"

#include "core/json.h"

namespace kanal::networks {

std::string credentials_to_json(const plugin::Credentials& credentials) {
  rapidjson::StringBuffer buffer;
  json::JsonWriter writer(buffer);
  writer.StartObject();
  json::write_string(writer, "access_token", credentials.access_token);
  json::write_string(writer, "refresh_token", credentials.refresh_token);
  json::write_string(writer, "client_id", credentials.client_id);
  json::write_string(writer, "client_secret", credentials.client_secret);
  if (credentials.expires_at) {
    writer.Key("expires_at_ms");
    writer.Int64(to_unix_ms(*credentials.expires_at));
  }
  writer.EndObject();
  return json::to_string(buffer);
}

plugin::Credentials credentials_from_json(const std::string& text) {
  auto doc = json::parse_json(text);
  json::ObjectReader reader(doc);
  plugin::Credentials credentials;
  credentials.access_token = reader.optional_string("access_token", 1 << 16).value_or("");
  credentials.refresh_token = reader.optional_string("refresh_token", 1 << 16).value_or("");
  credentials.client_id = reader.optional_string("client_id", 1 << 16).value_or("");
  credentials.client_secret = reader.optional_string("client_secret", 1 << 16).value_or("");
  if (auto at = reader.optional_int("expires_at_ms", 0, INT64_MAX)) credentials.expires_at = from_unix_ms(*at);
  return credentials;
}

}  // namespace kanal::networks
