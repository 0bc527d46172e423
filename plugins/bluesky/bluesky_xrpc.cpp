#include "bluesky_xrpc.h"

#include <charconv>

#include "core/error.h"
#include "core/json.h"
#include "net/oauth_pkce.h"

namespace kanal::bluesky {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

std::string error_message(const std::string& body) {
  try {
    const auto doc = json::parse_json(body);
    if (doc.IsObject()) {
      std::string message;
      if (doc.HasMember("error") && doc["error"].IsString()) message = doc["error"].GetString();
      if (doc.HasMember("message") && doc["message"].IsString()) {
        message += (message.empty() ? "" : ": ") + std::string(doc["message"].GetString());
      }
      if (!message.empty()) return message;
    }
  } catch (const Error&) {
    // not JSON: the start of the body says what it can
  }
  return body.substr(0, 200);
}

// ratelimit-reset is a Unix time in seconds.
Timestamp reset_time(const net::HttpResponse& response) {
  const auto header = response.header("ratelimit-reset");
  std::int64_t seconds = 0;
  const auto [end, error] = std::from_chars(header.data(), header.data() + header.size(), seconds);
  if (error != std::errc() || end != header.data() + header.size() || seconds <= 0) {
    return SystemClock{}.now() + std::chrono::minutes(5);
  }
  return from_unix_ms(seconds * 1000);
}

}  // namespace

std::string xrpc_error_name(const net::HttpResponse& response) {
  try {
    const auto doc = json::parse_json(response.body);
    if (doc.IsObject() && doc.HasMember("error") && doc["error"].IsString()) return doc["error"].GetString();
  } catch (const Error&) {
  }
  return {};
}

NetworkError xrpc_failure(const net::HttpResponse& response, const std::string& what) {
  const auto status = response.status;
  const auto message = what + " failed (HTTP " + std::to_string(status) + "): " + error_message(response.body);
  const auto name = xrpc_error_name(response);
  if (status == 401 || name == "ExpiredToken" || name == "InvalidToken" || name == "AccountTakedown") {
    return NetworkError(FailureKind::auth_expired, message);
  }
  if (status == 429) return NetworkError(FailureKind::rate_limited, message, reset_time(response));
  if (status >= 500) return NetworkError(FailureKind::transient, message);
  return NetworkError(FailureKind::rejected, message);
}

std::string Xrpc::trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

net::HttpResponse Xrpc::send(const std::string& method, const std::string& nsid, const Query& params,
                             const std::string& body, const std::string& content_type, bool changes_something,
                             const std::string& what) const {
  net::HttpRequest request;
  request.method = method;
  request.url = server_url_ + "/xrpc/" + nsid;
  for (std::size_t i = 0; i < params.size(); ++i) {
    request.url += (i == 0 ? "?" : "&") + params[i].first + "=" + net::form_encode(params[i].second);
  }
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("User-Agent", "Kanal");
  if (!token_.empty()) request.headers.emplace_back("Authorization", "Bearer " + token_);
  if (method == "POST") {
    request.headers.emplace_back("Content-Type", content_type);
    request.body = body;
  }
  request.must_not_resend = changes_something;
  auto answer = http_.send(std::move(request));
  try {
    return answer.get();
  } catch (...) {
    const auto failure = plugin::transport_failure(std::current_exception(), changes_something);
    throw NetworkError(failure.kind(), what + " failed: " + failure.reason(), failure.reset_at());
  }
}

rapidjson::Document Xrpc::query(const std::string& nsid, const Query& params, const std::string& what) const {
  const auto response = send("GET", nsid, params, {}, {}, false, what);
  if (response.status < 200 || response.status >= 300) throw xrpc_failure(response, what);
  return parse_answer(response.body, what);
}

rapidjson::Document Xrpc::procedure(const std::string& nsid, const std::string& body, const std::string& what,
                                    bool changes_something) const {
  const auto response = send("POST", nsid, {}, body, "application/json", changes_something, what);
  if (response.status < 200 || response.status >= 300) throw xrpc_failure(response, what);
  if (response.body.empty()) return rapidjson::Document(rapidjson::kObjectType);  // some procedures answer nothing
  try {
    return parse_answer(response.body, what);
  } catch (const NetworkError& e) {
    // It was done; only the answer is unreadable.
    if (changes_something) throw NetworkError(FailureKind::unknown_outcome, e.reason());
    throw;
  }
}

}  // namespace kanal::bluesky
