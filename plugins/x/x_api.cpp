#include "x_api.h"

#include <Poco/Base64Encoder.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>

#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "net/endpoint.h"
#include "net/oauth_pkce.h"

namespace kanal::x {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

// X answers with a problem document ({"title","detail","type"}), or an
// {"errors":[{"message"}]} list, or (older endpoints) {"error"}.
struct Problem {
  std::string type;
  std::string title;
  std::string message;
};

Problem problem_of(const std::string& body) {
  Problem problem;
  try {
    const auto doc = json::parse_json(body);
    if (doc.IsObject()) {
      problem.type = string_at(doc, "type");
      problem.title = string_at(doc, "title");
      problem.message = string_at(doc, "detail");
      if (problem.message.empty()) problem.message = string_at(doc, "message");
      if (problem.message.empty()) problem.message = string_at(doc, "error_description");
      if (problem.message.empty()) problem.message = string_at(doc, "error");
      if (const auto* errors = member(doc, "errors"); errors && errors->IsArray() && !errors->Empty()) {
        const auto& first = (*errors)[0];
        if (problem.message.empty()) problem.message = string_at(first, "message");
        if (problem.message.empty()) problem.message = string_at(first, "detail");
        if (problem.type.empty()) problem.type = string_at(first, "type");
      }
      if (problem.message.empty()) problem.message = problem.title;
      return problem;
    }
  } catch (const Error&) {
    // not JSON: the start of the body says what it can
  }
  problem.message = std::string(utf8::prefix(utf8::repaired(body), 200));
  return problem;
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// x-rate-limit-reset is a Unix time in seconds.
Timestamp rate_limit_reset(const net::HttpResponse& response) {
  const auto header = response.header("x-rate-limit-reset");
  std::int64_t seconds = 0;
  const auto [end, error] = std::from_chars(header.data(), header.data() + header.size(), seconds);
  if (error != std::errc() || end != header.data() + header.size() || seconds <= 0) {
    return SystemClock{}.now() + std::chrono::minutes(15);  // X's windows are 15 minutes
  }
  return from_unix_ms(seconds * 1000);
}

}  // namespace

Timestamp next_cap_reset(Timestamp now, int reset_day) {
  using namespace std::chrono;
  reset_day = std::clamp(reset_day, 1, 28);  // a day every month has
  const year_month_day today{floor<days>(now)};
  year_month_day reset{today.year(), today.month(), day(static_cast<unsigned>(reset_day))};
  if (sys_days(reset) <= sys_days(today)) reset = reset + months(1);
  return time_point_cast<Timestamp::duration>(sys_days(reset));
}

bool is_duplicate(const net::HttpResponse& response) {
  return response.status == 403 && contains(problem_of(response.body).message, "duplicate");
}

bool is_x_endpoint(const std::string& url) { return net::is_trusted_endpoint(url, {"x.com", "twitter.com"}); }

NetworkError x_failure(const net::HttpResponse& response, const std::string& what, bool changes_something,
                       Timestamp cap_resets_at) {
  const auto status = response.status;
  const auto problem = problem_of(response.body);
  const auto message = what + " failed (HTTP " + std::to_string(status) + "): " + problem.message;
  if (status == 401) return NetworkError(FailureKind::auth_expired, message);
  if (status == 429) {
    if (contains(problem.type, "usage-capped") || problem.title == "UsageCapExceeded") {
      return NetworkError(FailureKind::rate_limited,
                          "X's monthly limit for this app is reached until " + to_iso8601(cap_resets_at).substr(0, 10) +
                              "; posts are held until then",
                          cap_resets_at);
    }
    return NetworkError(FailureKind::rate_limited, message, rate_limit_reset(response));
  }
  if (is_duplicate(response)) {
    return NetworkError(FailureKind::rejected,
                        what + ": X refuses a post with the same text as one the account posted recently");
  }
  if (status >= 500) {
    return NetworkError(changes_something ? FailureKind::unknown_outcome : FailureKind::transient, message);
  }
  return NetworkError(FailureKind::rejected, message);
}

std::string base64(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

std::string XApi::trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

net::HttpResponse XApi::exchange(net::HttpRequest request, const std::string& what, bool changes_something) const {
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("User-Agent", "Kanal");
  if (!token_.empty()) request.headers.emplace_back("Authorization", "Bearer " + token_);
  request.must_not_resend = changes_something;
  auto answer = http_.send(std::move(request));
  try {
    return answer.get();
  } catch (...) {
    const auto failure = transport_failure(std::current_exception(), changes_something);
    throw NetworkError(failure.kind(), what + " failed: " + failure.reason(), failure.reset_at());
  }
}

rapidjson::Document XApi::get(const std::string& path, const Query& query, const std::string& what) const {
  net::HttpRequest request;
  request.url = base_url_ + path;
  for (std::size_t i = 0; i < query.size(); ++i) {
    request.url += (i == 0 ? "?" : "&") + query[i].first + "=" + net::form_encode(query[i].second);
  }
  const auto response = exchange(std::move(request), what, false);
  if (response.status < 200 || response.status >= 300) throw x_failure(response, what, false, cap_resets_at_);
  return parse_answer(response.body, what);
}

net::HttpResponse XApi::answer(const std::string& method, const std::string& path, const std::string& json_body,
                               const std::string& what, bool changes_something) const {
  net::HttpRequest request;
  request.method = method;
  request.url = base_url_ + path;
  if (!json_body.empty()) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = json_body;
  }
  request.timeout = std::chrono::seconds(60);  // an image upload takes a while
  return exchange(std::move(request), what, changes_something);
}

rapidjson::Document XApi::send(const std::string& method, const std::string& path, const std::string& json_body,
                               const std::string& what, bool changes_something) const {
  const auto response = answer(method, path, json_body, what, changes_something);
  if (response.status < 200 || response.status >= 300) {
    throw x_failure(response, what, changes_something, cap_resets_at_);
  }
  try {
    return parse_answer(response.body, what);
  } catch (const NetworkError& e) {
    // It was done; only the answer is unreadable.
    if (changes_something) throw NetworkError(FailureKind::unknown_outcome, e.reason());
    throw;
  }
}

}  // namespace kanal::x
