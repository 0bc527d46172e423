#include "networks/credentials_json.h"

#include "core/json.h"

namespace kanal::networks {

// {"secret": the plugin's own text, "expires_at_ms", "renewable", "grant"}. Before
// plugin API 3 the sealed JSON was Mastodon's token itself; such a text is
// read as the secret whole, which is what the Mastodon plugin reads.
std::string credentials_to_json(const plugin::Credentials& credentials) {
  rapidjson::StringBuffer buffer;
  json::JsonWriter writer(buffer);
  writer.StartObject();
  json::write_string(writer, "secret", credentials.secret);
  if (credentials.expires_at) {
    writer.Key("expires_at_ms");
    writer.Int64(to_unix_ms(*credentials.expires_at));
  }
  writer.Key("renewable");
  writer.Bool(credentials.renewable);
  if (!credentials.grant.empty()) json::write_string(writer, "grant", credentials.grant);
  writer.EndObject();
  return json::to_string(buffer);
}

plugin::Credentials credentials_from_json(const std::string& text) {
  auto doc = json::parse_json(text);
  json::ObjectReader reader(doc);
  plugin::Credentials credentials;
  if (auto at = reader.optional_int("expires_at_ms", 0, INT64_MAX)) credentials.expires_at = from_unix_ms(*at);
  if (auto secret = reader.optional_string("secret", 1 << 20)) {
    credentials.secret = *secret;
    credentials.renewable = reader.optional_bool("renewable").value_or(false);
    credentials.grant = reader.optional_string("grant", 1024).value_or("");
  } else {
    credentials.secret = text;
    credentials.renewable = !reader.optional_string("refresh_token", 1 << 16).value_or("").empty();
  }
  return credentials;
}

}  // namespace kanal::networks
