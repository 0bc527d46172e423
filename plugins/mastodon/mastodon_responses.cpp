#include "mastodon_responses.h"

#include <Poco/URI.h>

#include "core/error.h"
#include "core/json.h"

namespace kanal::mastodon {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

std::string mastodon_message(const std::string& body) {
  try {
    auto doc = json::parse_json(body);
    if (doc.IsObject() && doc.HasMember("error") && doc["error"].IsString()) {
      std::string message = doc["error"].GetString();
      // OAuth errors say what went wrong in error_description.
      if (doc.HasMember("error_description") && doc["error_description"].IsString()) {
        message += ": " + std::string(doc["error_description"].GetString());
      }
      return message;
    }
  } catch (const Error&) {
    // not JSON: fall through
  }
  return body.substr(0, 200);
}

}  // namespace

void check_status(const net::HttpResponse& response, const std::string& what) {
  const auto status = response.status;
  if (status >= 200 && status < 300) return;
  const auto message = mastodon_message(response.body);
  const auto prefix = what + " failed (HTTP " + std::to_string(status) + "): ";
  if (status == 401 || status == 403) throw NetworkError(FailureKind::auth_expired, prefix + message);
  if (status == 429) {
    auto reset = parse_iso8601(response.header("x-ratelimit-reset"));
    if (!reset) reset = SystemClock{}.now() + std::chrono::minutes(5);
    throw NetworkError(FailureKind::rate_limited, prefix + message, reset);
  }
  if (status >= 500) throw NetworkError(FailureKind::transient, prefix + message);
  throw NetworkError(FailureKind::rejected, prefix + message);
}

NetworkDescriptor parse_instance(const std::string& body, NetworkDescriptor base) {
  return reading("the instance description", [&] {
    auto doc = json::parse_json(body);
    json::ObjectReader instance(doc);
    // The Kanal sandbox announces its extensions (hiding replies) beside Mastodon's API version.
    if (const auto* versions = instance.optional_object("api_versions")) {
      json::ObjectReader reader(*versions, "api_versions.");
      if (reader.optional_int("kanal_sandbox", 1, 1000)) base.capabilities |= plugin::kHideReplies;
    }
    const auto* configuration = instance.optional_object("configuration");
    if (configuration == nullptr) return base;  // an old server: keep the defaults
    json::ObjectReader config(*configuration, "configuration.");
    if (const auto* statuses = config.optional_object("statuses")) {
      json::ObjectReader reader(*statuses, "configuration.statuses.");
      if (auto max = reader.optional_int("max_characters", 1, 10'000'000)) base.text.max_characters = *max;
      if (auto per_url = reader.optional_int("characters_reserved_per_url", 0, 10'000)) {
        base.text.characters_per_url = *per_url;
      }
      if (auto media = reader.optional_int("max_media_attachments", 0, 100)) base.media.max_attachments = *media;
    }
    if (const auto* media = config.optional_object("media_attachments")) {
      json::ObjectReader reader(*media, "configuration.media_attachments.");
      if (auto limit = reader.optional_int("image_size_limit", 0, INT64_MAX)) base.media.max_image_bytes = *limit;
      if (auto limit = reader.optional_int("description_limit", 0, 1'000'000)) {
        base.media.max_description_characters = *limit;
      }
    }
    return base;
  });
}

plugin::Credentials to_credentials(const Token& token) {
  rapidjson::StringBuffer buffer;
  json::JsonWriter writer(buffer);
  writer.StartObject();
  json::write_string(writer, "access_token", token.access_token);
  json::write_string(writer, "refresh_token", token.refresh_token);
  json::write_string(writer, "client_id", token.client_id);
  json::write_string(writer, "client_secret", token.client_secret);
  if (token.expires_at) {
    writer.Key("expires_at_ms");
    writer.Int64(to_unix_ms(*token.expires_at));
  }
  writer.EndObject();
  return plugin::Credentials{json::to_string(buffer), token.expires_at, !token.refresh_token.empty()};
}

Token token_of(const plugin::Credentials& credentials) {
  auto doc = json::parse_json(credentials.secret);
  json::ObjectReader reader(doc);
  Token token;
  token.access_token = reader.optional_string("access_token", 1 << 16).value_or("");
  token.refresh_token = reader.optional_string("refresh_token", 1 << 16).value_or("");
  token.client_id = reader.optional_string("client_id", 1 << 16).value_or("");
  token.client_secret = reader.optional_string("client_secret", 1 << 16).value_or("");
  if (auto at = reader.optional_int("expires_at_ms", 0, INT64_MAX)) token.expires_at = from_unix_ms(*at);
  return token;
}

std::string access_token(const plugin::Connection& connection) {
  try {
    return token_of(connection.credentials).access_token;
  } catch (const Error&) {
    return {};
  }
}

Token parse_app(const std::string& body) {
  return reading("the app registration", [&] {
    auto doc = json::parse_json(body);
    json::ObjectReader reader(doc);
    Token app;
    app.client_id = reader.required_string("client_id", 4096);
    app.client_secret = reader.required_string("client_secret", 4096);
    return app;
  });
}

Token parse_token(const std::string& body, Token app) {
  return reading("the token request", [&] {
    auto doc = json::parse_json(body);
    json::ObjectReader reader(doc);
    app.access_token = reader.required_string("access_token", 4096);
    app.refresh_token = reader.optional_string("refresh_token", 4096).value_or("");
    if (auto expires_in = reader.optional_int("expires_in", 1, INT32_MAX)) {
      app.expires_at = SystemClock{}.now() + std::chrono::seconds(*expires_in);
    }
    return app;
  });
}

plugin::Profile parse_account(const std::string& body, const std::string& instance_url) {
  return reading("verify_credentials", [&] {
    auto doc = json::parse_json(body);
    json::ObjectReader reader(doc);
    plugin::Profile profile;
    profile.network_account_id = reader.required_string("id", 64);
    const auto acct = reader.required_string("acct", 512);
    profile.display_name = reader.optional_string("display_name", 512).value_or(acct);
    profile.followers = reader.optional_int("followers_count", 0, INT64_MAX).value_or(0);
    // acct is local ("agency") for the server's own users: add the domain.
    const auto host = Poco::URI(instance_url).getHost();
    profile.handle = "@" + acct + (acct.find('@') == std::string::npos ? "@" + host : "");
    return profile;
  });
}

StatusRef parse_status(const std::string& body) {
  auto doc = json::parse_json(body);
  json::ObjectReader reader(doc);
  StatusRef status;
  status.id = reader.required_string("id", 64);
  status.url = reader.optional_string("url", 4096).value_or(reader.optional_string("uri", 4096).value_or(""));
  return status;
}

MediaRef parse_media(const net::HttpResponse& response) {
  return reading("the media upload", [&] {
    auto doc = json::parse_json(response.body);
    json::ObjectReader reader(doc);
    MediaRef media;
    media.id = reader.required_string("id", 64);
    // 202 or 206, or no url yet: still processing.
    media.ready = response.status == 200 && reader.optional_string("url", 4096).has_value();
    return media;
  });
}

}  // namespace kanal::mastodon
