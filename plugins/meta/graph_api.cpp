#include "graph_api.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "net/endpoint.h"
#include "net/oauth_pkce.h"

namespace kanal::meta {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

int int_at(const rapidjson::Value& value, const char* key) {
  return value.IsObject() && value.HasMember(key) && value[key].IsInt() ? value[key].GetInt() : 0;
}

// The largest percentage in one usage object ({"call_count":N,...}).
void note_usage(const rapidjson::Value& value, Usage& usage) {
  if (!value.IsObject()) return;
  for (const auto* key : {"call_count", "total_cputime", "total_time"}) {
    usage.percent = std::max(usage.percent, int_at(value, key));
  }
  usage.regain = std::max(usage.regain, std::chrono::minutes(int_at(value, "estimated_time_to_regain_access")));
}

bool is_throttling(int code) {
  return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80001 && code <= 80014);
}

std::string when(Timestamp at) { return to_iso8601(at).substr(11, 5) + " UTC"; }

}  // namespace

GraphError graph_error_of(const std::string& body) {
  GraphError error;
  try {
    const auto doc = json::parse_json(body);
    if (const auto* found = member(doc, "error"); found != nullptr && found->IsObject()) {
      error.code = int_at(*found, "code");
      error.subcode = int_at(*found, "error_subcode");
      error.message = string_at(*found, "error_user_msg");
      if (error.message.empty()) error.message = string_at(*found, "message");
      error.is_transient =
          found->HasMember("is_transient") && (*found)["is_transient"].IsBool() && (*found)["is_transient"].GetBool();
      return error;
    }
  } catch (const Error&) {
    // not JSON: the start of the body says what it can
  }
  error.message = std::string(utf8::prefix(utf8::repaired(body), 200));
  return error;
}

Usage usage_of(const net::HttpResponse& response) {
  Usage usage;
  for (const auto* header : {"x-app-usage", "x-business-use-case-usage", "x-page-usage"}) {
    const auto text = response.header(header);
    if (text.empty()) continue;
    try {
      const auto doc = json::parse_json(text);
      if (!doc.IsObject()) continue;
      if (doc.HasMember("call_count")) {
        note_usage(doc, usage);
        continue;
      }
      for (const auto& [id, entries] : doc.GetObject()) {  // {"<page id>":[{...}]}
        if (!entries.IsArray()) continue;
        for (const auto& entry : entries.GetArray()) note_usage(entry, usage);
      }
    } catch (const Error&) {
      // an unreadable header says nothing
    }
  }
  return usage;
}

void UsageGate::check(Timestamp now) const {
  std::lock_guard lock(mutex_);
  if (held_until_ && now < *held_until_) {
    throw NetworkError(FailureKind::rate_limited,
                       "Meta's hourly budget for this app is " + std::to_string(percent_) +
                           " % spent: Kanal waits until " + when(*held_until_) + " before calling again",
                       *held_until_);
  }
}

void UsageGate::note(const Usage& usage, Timestamp now) {
  std::lock_guard lock(mutex_);
  percent_ = usage.percent;
  if (usage.percent < kHoldAtPercent) return;
  const auto wait = usage.regain > std::chrono::minutes(0) ? usage.regain : std::chrono::minutes(15);
  held_until_ = std::max(held_until_.value_or(now), now + wait);
}

void UsageGate::hold(Timestamp until) {
  std::lock_guard lock(mutex_);
  percent_ = std::max(percent_, 100);
  held_until_ = std::max(held_until_.value_or(until), until);
}

NetworkError graph_failure(const net::HttpResponse& response, const std::string& what, bool changes_something,
                           Timestamp now) {
  const auto error = graph_error_of(response.body);
  const auto said = what + " failed: " + error.message + " (Meta's code " + std::to_string(error.code) +
                    (error.subcode != 0 ? "/" + std::to_string(error.subcode) : "") + ")";
  const auto not_done = changes_something ? FailureKind::unknown_outcome : FailureKind::transient;
  if (error.code == 190 || error.code == 102) {
    return NetworkError(FailureKind::auth_expired,
                        what +
                            " failed: Meta no longer accepts Kanal's access (it expired or was withdrawn); "
                            "connect the account again");
  }
  if (is_throttling(error.code)) {
    const auto regain = usage_of(response).regain;
    const auto until = now + (regain > std::chrono::minutes(0) ? regain : std::chrono::minutes(15));
    return NetworkError(FailureKind::rate_limited,
                        what + " waits: Meta limits how often this app may call (" + error.message +
                            "); Kanal tries again at " + when(until),
                        until);
  }
  if (error.code == 9 && error.subcode == 2207042) {
    // The limit counts the last 24 hours: an hour on, a post may have aged out of it.
    const auto until = now + std::chrono::hours(1);
    return NetworkError(FailureKind::rate_limited,
                        "Instagram's limit of posts per 24 hours for this account is reached; the post is held and "
                        "Kanal tries again at " +
                            when(until),
                        until);
  }
  if (error.code == 10 || (error.code >= 200 && error.code <= 299)) {
    return NetworkError(FailureKind::auth_expired, what + " failed: the access Kanal was given lacks a permission (" +
                                                       error.message +
                                                       "); connect the account again and grant what Kanal asks for");
  }
  if (error.code == 368) {
    return NetworkError(
        FailureKind::rejected,
        what + " was refused: Meta has blocked this for now under its policies (" + error.message + ")");
  }
  if (error.is_transient || error.code == 1 || error.code == 2 || response.status >= 500) {
    return NetworkError(not_done, said);
  }
  return NetworkError(FailureKind::rejected, said);
}

bool is_meta_endpoint(const std::string& url) {
  return net::is_trusted_endpoint(url, {"facebook.com", "instagram.com"});
}

GraphApi::GraphApi(net::HttpEngine& http, std::string graph_url, std::string token, std::string app_secret,
                   UsageGate& gate, const Clock& clock)
    : http_(http),
      base_(trim_slash(std::move(graph_url)) + "/" + kGraphVersion),
      token_(std::move(token)),
      proof_(token_.empty() || app_secret.empty() ? std::string() : net::hmac_sha256_hex(app_secret, token_)),
      gate_(gate),
      clock_(clock) {}

std::string GraphApi::trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string GraphApi::form(const Params& params) const {
  std::string body;
  for (const auto& [name, value] : params) {
    body += (body.empty() ? "" : "&") + name + "=" + net::form_encode(value);
  }
  // The proof signs the token with the app's secret: a token that leaked
  // is of no use without it (the app requires it in its settings).
  if (!proof_.empty()) body += (body.empty() ? "" : "&") + std::string("appsecret_proof=") + proof_;
  return body;
}

std::string GraphApi::url(const std::string& path, const Params& query) const {
  const auto encoded = form(query);
  return base_ + path + (encoded.empty() ? "" : "?" + encoded);
}

net::HttpResponse GraphApi::exchange(net::HttpRequest request, const std::string& what, bool changes_something) const {
  gate_.check(clock_.now());
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("User-Agent", "Kanal");
  if (!token_.empty()) request.headers.emplace_back("Authorization", "Bearer " + token_);
  request.must_not_resend = changes_something;
  net::HttpResponse response;
  try {
    response = http_.send(std::move(request)).get();
  } catch (...) {
    const auto failure = plugin::transport_failure(std::current_exception(), changes_something);
    throw NetworkError(failure.kind(), what + " failed: " + failure.reason(), failure.reset_at());
  }
  gate_.note(usage_of(response), clock_.now());
  return response;
}

net::HttpResponse GraphApi::answer(const std::string& method, const std::string& path, const Params& params,
                                   const std::string& what, bool changes_something) const {
  net::HttpRequest request;
  request.method = method;
  if (method == "GET" || method == "DELETE") {
    request.url = url(path, params);
  } else {
    request.url = base_ + path;
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    request.body = form(params);
  }
  return exchange(std::move(request), what, changes_something);
}

rapidjson::Document GraphApi::read(const net::HttpResponse& response, const std::string& what,
                                   bool changes_something) const {
  if (response.status < 200 || response.status >= 300) {
    auto failure = graph_failure(response, what, changes_something, clock_.now());
    if (failure.kind() == FailureKind::rate_limited && failure.reset_at()) gate_.hold(*failure.reset_at());
    throw failure;
  }
  try {
    return parse_answer(response.body, what);
  } catch (const NetworkError& e) {
    // It was done; only the answer is unreadable.
    if (changes_something) throw NetworkError(FailureKind::unknown_outcome, e.reason());
    throw;
  }
}

rapidjson::Document GraphApi::get(const std::string& path, const Params& query, const std::string& what) const {
  return read(answer("GET", path, query, what, false), what, false);
}

rapidjson::Document GraphApi::post(const std::string& path, const Params& form_fields, const std::string& what,
                                   bool changes_something) const {
  return read(answer("POST", path, form_fields, what, changes_something), what, changes_something);
}

rapidjson::Document GraphApi::upload(const std::string& path, const Params& fields, const plugin::Media& media,
                                     const std::string& what) const {
  net::HttpRequest request;
  request.method = "POST";
  request.url = base_ + path;
  for (const auto& [name, value] : fields) request.form.push_back(net::FormPart{name, value, "", ""});
  if (!proof_.empty()) request.form.push_back(net::FormPart{"appsecret_proof", proof_, "", ""});
  request.form.push_back(
      net::FormPart{"source", media.content, media.filename.empty() ? "image" : media.filename, media.content_type});
  request.timeout = std::chrono::seconds(60);  // an image takes a while
  // An unpublished photo attached to nothing is harmless: not a change that needs resolving.
  return read(exchange(std::move(request), what, false), what, false);
}

bool is_gone(const net::HttpResponse& response) {
  const auto error = graph_error_of(response.body);
  return response.status >= 400 && error.code == 100 && error.subcode == 33;
}

void delete_comment(const GraphApi& api, const std::string& comment_id) {
  const auto what = std::string("deleting the comment");
  const auto response = api.answer("DELETE", "/" + comment_id, {}, what, true);
  if (is_gone(response)) return;  // the goal is met
  api.read(response, what, true);
}

}  // namespace kanal::meta
