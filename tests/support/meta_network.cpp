#include "support/meta_network.h"

#include <fstream>
#include <stdexcept>

#include "api/client/http_client.h"
#include "core/json.h"

namespace kanal::test {

namespace {

std::string read_url(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string url;
  if (!(in >> url)) {
    throw std::runtime_error("the Meta test network is not running (the meta_network fixture starts it)");
  }
  return url;
}

std::string quoted(const std::string& text) {
  return json::written(
      [&](json::JsonWriter& w) { w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size())); });
}

std::string id_of(const rapidjson::Document& answer) {
  if (!answer.IsObject() || !answer.HasMember("id") || !answer["id"].IsString()) {
    throw std::runtime_error("the fake Meta answered without an id");
  }
  return answer["id"].GetString();
}

}  // namespace

MetaNetwork::MetaNetwork(const std::filesystem::path& dir) : graph_url_(read_url(dir / "graph_url")) {
  control("POST", "/_fake/reset", "{}");
  control("POST", "/_fake/config", std::string(R"({"app_id":")") + kAppId + R"(","app_secret":")" + kAppSecret + "\"}");
}

rapidjson::Document MetaNetwork::control(const std::string& method, const std::string& path,
                                         const std::string& body) const {
  client::HttpRequest request;
  request.method = method;
  request.url = graph_url_ + path;
  if (method != "GET") {
    request.headers["Content-Type"] = "application/json";
    request.body = body;
  }
  const auto response = client::perform(request);
  if (response.status < 200 || response.status >= 300) {
    throw std::runtime_error(method + " " + path + " → " + std::to_string(response.status) + ": " + response.body);
  }
  return json::parse_json(response.body.empty() ? "{}" : response.body);
}

std::string MetaNetwork::user_id(const std::string& name) const {
  const auto users = control("GET", "/_fake/users", "");
  for (const auto& user : users.GetArray()) {
    if (name == user["name"].GetString()) return user["id"].GetString();
  }
  throw std::runtime_error("the fake Meta has no user " + name);
}

std::string MetaNetwork::page_id(const std::string& name) const {
  const auto pages = control("GET", "/_fake/pages", "");
  for (const auto& page : pages.GetArray()) {
    if (name == page["name"].GetString()) return page["id"].GetString();
  }
  throw std::runtime_error("the fake Meta has no page " + name);
}

std::string MetaNetwork::instagram_id(const std::string& page_name) const {
  const auto pages = control("GET", "/_fake/pages", "");
  for (const auto& page : pages.GetArray()) {
    if (page_name != page["name"].GetString()) continue;
    const auto& ig = page["instagram_business_account"];
    if (!ig.IsObject()) throw std::runtime_error("the page " + page_name + " has no Instagram account");
    return ig["id"].GetString();
  }
  throw std::runtime_error("the fake Meta has no page " + page_name);
}

std::string MetaNetwork::create_user(const std::string& name) const {
  return id_of(control("POST", "/_fake/users", R"({"name":)" + quoted(name) + "}"));
}

std::string MetaNetwork::create_page(const std::string& name, int followers, const std::string& manager,
                                     const std::string& instagram_username, int ig_followers) const {
  std::string body = R"({"name":)" + quoted(name) + R"(,"followers":)" + std::to_string(followers) + R"(,"manager":)" +
                     quoted(manager);
  if (!instagram_username.empty()) {
    body += R"(,"instagram":{"username":)" + quoted(instagram_username) + R"(,"followers":)" +
            std::to_string(ig_followers) + "}";
  }
  return id_of(control("POST", "/_fake/pages", body + "}"));
}

void MetaNetwork::sign_in_as(const std::string& user) const {
  control("POST", "/_fake/config", R"({"signed_in_user":)" + quoted(user) + "}");
}

std::string MetaNetwork::comment(const std::string& author, const std::string& on_id,
                                 const std::string& message) const {
  return id_of(control(
      "POST", "/_fake/comments",
      R"({"author":)" + quoted(author) + R"(,"on":)" + quoted(on_id) + R"(,"message":)" + quoted(message) + "}"));
}

std::string MetaNetwork::instagram_comment(const std::string& username, const std::string& media_id,
                                           const std::string& message, const std::string& parent) const {
  const auto& on = parent.empty() ? media_id : parent;
  return id_of(control(
      "POST", "/_fake/comments",
      R"({"author":)" + quoted(username) + R"(,"on":)" + quoted(on) + R"(,"message":)" + quoted(message) + "}"));
}

std::string MetaNetwork::visitor_post(const std::string& author, const std::string& page,
                                      const std::string& message) const {
  return id_of(control(
      "POST", "/_fake/visitor_posts",
      R"({"author":)" + quoted(author) + R"(,"page":)" + quoted(page) + R"(,"message":)" + quoted(message) + "}"));
}

std::string MetaNetwork::tag(const std::string& author, const std::string& target, const std::string& message) const {
  return id_of(control(
      "POST", "/_fake/tags",
      R"({"author":)" + quoted(author) + R"(,"target":)" + quoted(target) + R"(,"message":)" + quoted(message) + "}"));
}

void MetaNetwork::set_post_metrics(const std::string& id, const std::string& metrics_json) const {
  control("POST", "/_fake/posts/" + id + "/metrics", metrics_json);
}

void MetaNetwork::set_config(const std::string& config_json) const { control("POST", "/_fake/config", config_json); }

void MetaNetwork::fault(const std::string& kind, const std::string& method, const std::string& path, int count,
                        int seconds, int code) const {
  std::string body = R"({"kind":)" + quoted(kind) + R"(,"count":)" + std::to_string(count);
  if (!method.empty()) body += R"(,"method":)" + quoted(method);
  if (!path.empty()) body += R"(,"path":)" + quoted(path);
  if (seconds > 0) body += R"(,"seconds":)" + std::to_string(seconds);
  if (code != 0) body += R"(,"code":)" + std::to_string(code);
  control("POST", "/_fake/faults", body + "}");
}

void MetaNetwork::clear_faults() const { control("DELETE", "/_fake/faults", ""); }

rapidjson::Document MetaNetwork::state() const { return control("GET", "/_fake/state", ""); }

int MetaNetwork::requests(const std::string& method, const std::string& path) const {
  const auto all = control("GET", "/_fake/requests", "");
  const bool prefix = !path.empty() && path.back() == '*';
  const auto stem = prefix ? path.substr(0, path.size() - 1) : path;
  int count = 0;
  for (const auto& request : all.GetArray()) {
    const std::string m = request["method"].GetString();
    const std::string p = request["path"].GetString();
    if (m == method && (prefix ? p.rfind(stem, 0) == 0 : p == path)) ++count;
  }
  return count;
}

std::string MetaNetwork::consent(const std::string& authorize_url) const {
  client::HttpRequest request;
  request.url = authorize_url;
  const auto response = client::perform(request);  // libcurl here does not follow redirects
  if (response.status != 302) {
    throw std::runtime_error("Facebook's login dialog answered " + std::to_string(response.status) + ": " +
                             response.body);
  }
  const auto location = response.headers.find("location");
  if (location == response.headers.end()) throw std::runtime_error("Facebook's login dialog sent the browser nowhere");
  return location->second;
}

std::string MetaNetwork::token(const std::string& user) const {
  const auto answer = control("POST", "/_fake/tokens", R"({"user":)" + quoted(user) + "}");
  return answer["access_token"].GetString();
}

}  // namespace kanal::test
