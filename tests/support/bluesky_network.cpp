#include "support/bluesky_network.h"

#include <fstream>
#include <random>
#include <stdexcept>

#include "api/client/http_client.h"
#include "core/json.h"
#include "core/time.h"

namespace kanal::test {
namespace {

std::string first_line(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!std::getline(in, line) || line.empty()) {
    throw std::runtime_error("no " + file.string() + ": is the bluesky fixture running?");
  }
  return line;
}

rapidjson::Document answer_of(const client::HttpResponse& response, const std::string& what) {
  if (response.status < 200 || response.status >= 300) {
    throw std::runtime_error(what + " answered " + std::to_string(response.status) + ": " + response.body);
  }
  if (response.body.empty()) return rapidjson::Document(rapidjson::kObjectType);
  return json::parse_json(response.body);
}

std::string string_at(const rapidjson::Value& value, const char* key) {
  return value.HasMember(key) && value[key].IsString() ? value[key].GetString() : "";
}

}  // namespace

BlueskyNetwork::BlueskyNetwork(const std::filesystem::path& dir)
    : pds_url_(first_line(dir / "pds_url")),
      appview_url_(first_line(dir / "appview_url")),
      plc_url_(first_line(dir / "plc_url")) {}

rapidjson::Document BlueskyNetwork::query(const BlueskyPerson& person, const std::string& nsid,
                                          const std::string& params) const {
  client::HttpRequest request;
  request.url = pds_url_ + "/xrpc/" + nsid + (params.empty() ? "" : "?" + params);
  if (!person.access_jwt.empty()) request.headers["Authorization"] = "Bearer " + person.access_jwt;
  return answer_of(client::perform(request), nsid);
}

rapidjson::Document BlueskyNetwork::procedure(const BlueskyPerson& person, const std::string& nsid,
                                              const std::string& body) const {
  client::HttpRequest request;
  request.method = "POST";
  request.url = pds_url_ + "/xrpc/" + nsid;
  request.headers["Content-Type"] = "application/json";
  if (!person.access_jwt.empty()) request.headers["Authorization"] = "Bearer " + person.access_jwt;
  request.body = body;
  return answer_of(client::perform(request), nsid);
}

BlueskyPerson BlueskyNetwork::create_person(const std::string& prefix) const {
  static std::mt19937 random{std::random_device{}()};
  BlueskyPerson person;
  person.handle = prefix + std::to_string(std::uniform_int_distribution<int>(100000, 999999)(random)) + ".test";
  person.password = "the-own-password-of-" + person.handle;
  const auto created = procedure({}, "com.atproto.server.createAccount", json::written([&](json::JsonWriter& w) {
                                   w.StartObject();
                                   json::write_string(w, "handle", person.handle);
                                   json::write_string(w, "email", person.handle + "@example.org");
                                   json::write_string(w, "password", person.password);
                                   w.EndObject();
                                 }));
  person.did = string_at(created, "did");
  person.access_jwt = string_at(created, "accessJwt");
  const auto app = procedure(person, "com.atproto.server.createAppPassword", R"({"name":"Kanal"})");
  person.app_password = string_at(app, "password");
  return person;
}

rapidjson::Document BlueskyNetwork::post(const BlueskyPerson& person, const std::string& text,
                                         const std::string& reply_to_uri, const std::string& reply_to_cid,
                                         const std::string& root_uri, const std::string& root_cid) const {
  return procedure(
      person, "com.atproto.repo.createRecord", json::written([&](json::JsonWriter& w) {
        w.StartObject();
        json::write_string(w, "repo", person.did);
        json::write_string(w, "collection", "app.bsky.feed.post");
        w.Key("record");
        w.StartObject();
        json::write_string(w, "$type", "app.bsky.feed.post");
        json::write_string(w, "text", text);
        json::write_string(w, "createdAt", to_iso8601(SystemClock{}.now()));
        if (!reply_to_uri.empty()) {
          w.Key("reply");
          w.StartObject();
          for (const auto& [key, uri, cid] : {std::tuple{"root", root_uri.empty() ? reply_to_uri : root_uri,
                                                         root_cid.empty() ? reply_to_cid : root_cid},
                                              std::tuple{"parent", reply_to_uri, reply_to_cid}}) {
            w.Key(key);
            w.StartObject();
            json::write_string(w, "uri", uri);
            json::write_string(w, "cid", cid);
            w.EndObject();
          }
          w.EndObject();
        }
        w.EndObject();
        w.EndObject();
      }));
}

void BlueskyNetwork::like(const BlueskyPerson& person, const std::string& uri, const std::string& cid) const {
  procedure(person, "com.atproto.repo.createRecord", json::written([&](json::JsonWriter& w) {
              w.StartObject();
              json::write_string(w, "repo", person.did);
              json::write_string(w, "collection", "app.bsky.feed.like");
              w.Key("record");
              w.StartObject();
              json::write_string(w, "$type", "app.bsky.feed.like");
              w.Key("subject");
              w.StartObject();
              json::write_string(w, "uri", uri);
              json::write_string(w, "cid", cid);
              w.EndObject();
              json::write_string(w, "createdAt", to_iso8601(SystemClock{}.now()));
              w.EndObject();
              w.EndObject();
            }));
}

}  // namespace kanal::test
