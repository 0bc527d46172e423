#include "support/x_network.h"

#include <fstream>
#include <stdexcept>

#include "api/client/http_client.h"
#include "core/json.h"

namespace kanal::test {

namespace {

std::string read_url(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string url;
  if (!(in >> url)) throw std::runtime_error("the X test network is not running (the x_network fixture starts it)");
  return url;
}

std::string quoted(const std::string& text) {
  return json::written(
      [&](json::JsonWriter& w) { w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size())); });
}

}  // namespace

XNetwork::XNetwork(const std::filesystem::path& dir)
    : api_url_(read_url(dir / "api_url")), fake_url_(read_url(dir / "fake_url")) {
  control("POST", "/_fake/reset", "{}");
  control("POST", "/_fake/config",
          std::string(R"({"client_id":")") + kClientId + R"(","client_secret":")" + kClientSecret + "\"}");
}

rapidjson::Document XNetwork::control(const std::string& method, const std::string& path,
                                      const std::string& body) const {
  client::HttpRequest request;
  request.method = method;
  request.url = fake_url_ + path;
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

std::string XNetwork::user_id(const std::string& username) const {
  const auto users = control("GET", "/_fake/users", "");
  for (const auto& user : users.GetArray()) {
    if (username == user["username"].GetString()) return user["id"].GetString();
  }
  throw std::runtime_error("the fake X has no user " + username);
}

std::string XNetwork::create_user(const std::string& username, const std::string& name, int followers) const {
  const auto user = control("POST", "/_fake/users",
                            R"({"username":)" + quoted(username) + R"(,"name":)" + quoted(name) +
                                R"(,"followers_count":)" + std::to_string(followers) + "}");
  return user["id"].GetString();
}

void XNetwork::sign_in_as(const std::string& username) const {
  control("POST", "/_fake/config", R"({"signed_in_user":)" + quoted(username) + "}");
}

std::string XNetwork::post(const std::string& author, const std::string& text, const std::string& in_reply_to) const {
  std::string body = R"({"author":)" + quoted(author) + R"(,"text":)" + quoted(text);
  if (!in_reply_to.empty()) body += R"(,"in_reply_to_tweet_id":)" + quoted(in_reply_to);
  const auto tweet = control("POST", "/_fake/tweets", body + "}");
  return tweet["id"].GetString();
}

void XNetwork::set_rate_limit(const std::string& route, int per_window) const {
  control("POST", "/_fake/config", R"({"rate_limits":{)" + quoted(route) + ":" + std::to_string(per_window) + "}}");
}

void XNetwork::set_metrics(const std::string& tweet_id, const std::string& metrics_json) const {
  control("POST", "/_fake/tweets/" + tweet_id + "/metrics", metrics_json);
}

void XNetwork::fault(const std::string& kind, const std::string& method, const std::string& path, int count,
                     int seconds) const {
  std::string body = R"({"kind":)" + quoted(kind) + R"(,"count":)" + std::to_string(count);
  if (!method.empty()) body += R"(,"method":)" + quoted(method);
  if (!path.empty()) body += R"(,"path":)" + quoted(path);
  if (seconds > 0) body += R"(,"seconds":)" + std::to_string(seconds);
  control("POST", "/_fake/faults", body + "}");
}

void XNetwork::clear_faults() const { control("DELETE", "/_fake/faults", ""); }

rapidjson::Document XNetwork::state() const { return control("GET", "/_fake/state", ""); }

int XNetwork::requests(const std::string& method, const std::string& path) const {
  const auto all = control("GET", "/_fake/requests", "");
  const auto& list = all.IsArray() ? static_cast<const rapidjson::Value&>(all) : all["requests"];
  const bool prefix = !path.empty() && path.back() == '*';
  const auto stem = prefix ? path.substr(0, path.size() - 1) : path;
  int count = 0;
  for (const auto& request : list.GetArray()) {
    const std::string m = request["method"].GetString();
    std::string p = request["path"].GetString();
    if (const auto query = p.find('?'); query != std::string::npos) p.resize(query);
    if (m == method && (prefix ? p.rfind(stem, 0) == 0 : p == path)) ++count;
  }
  return count;
}

std::string XNetwork::consent(const std::string& authorize_url) const {
  client::HttpRequest request;
  request.url = authorize_url;
  const auto response = client::perform(request);  // libcurl here does not follow redirects
  if (response.status != 302) throw std::runtime_error("X's consent page answered " + std::to_string(response.status));
  const auto location = response.headers.find("location");
  if (location == response.headers.end()) throw std::runtime_error("X's consent page sent the browser nowhere");
  return location->second;
}

}  // namespace kanal::test
