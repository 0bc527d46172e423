#pragma once
// Calls to the X API v2, answered as plain JSON or as the plugin contract's
// typed NetworkError. Used from the plugin's own worker threads: each call
// waits for its answer (bounded by the request's timeout), never on the
// HTTP engine's thread.

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "kanal/plugin/answers.h"
#include "kanal/plugin/network.h"
#include "net/http_engine.h"

namespace kanal::x {

using plugin::count_at;
using plugin::member;
using plugin::parse_answer;
using plugin::string_at;
using plugin::transport_failure;

using Query = std::vector<std::pair<std::string, std::string>>;

// The day of the month on which the app's monthly post cap renews (the
// developer portal shows it), and when that is next after `now` (UTC).
Timestamp next_cap_reset(Timestamp now, int reset_day);

// What went wrong, from an X error answer (a problem document or
// {"errors":[...]}): 401 → auth_expired; 429 → rate_limited until
// x-rate-limit-reset, or until the monthly cap renews; 403 for a duplicate
// text and other 4xx → rejected in X's words; 5xx → transient, or
// unknown_outcome for a call that changes something (X may have done it).
plugin::NetworkError x_failure(const net::HttpResponse& response, const std::string& what, bool changes_something,
                               Timestamp cap_resets_at);

// X answered that the account posted this text a moment ago (403).
bool is_duplicate(const net::HttpResponse& response);

// Whether `url` may be an X endpoint: X's own (https, x.com or twitter.com)
// or this machine's (tests, a local proxy). An admin's setting elsewhere
// would hand the app's secret and the accounts' tokens to another host.
bool is_x_endpoint(const std::string& url);

class XApi {
 public:
  XApi(net::HttpEngine& http, std::string base_url, std::string token, Timestamp cap_resets_at)
      : http_(http),
        base_url_(trim_slash(std::move(base_url))),
        token_(std::move(token)),
        cap_resets_at_(cap_resets_at) {}

  // GET PATH?query: the answer's JSON object, or a NetworkError.
  rapidjson::Document get(const std::string& path, const Query& query, const std::string& what) const;
  // METHOD PATH with a JSON body. `changes_something`: a lost answer is an
  // unknown outcome, and libcurl must not resend it.
  rapidjson::Document send(const std::string& method, const std::string& path, const std::string& json_body,
                           const std::string& what, bool changes_something) const;

  // The raw answer, any status, for callers to whom some failures are not
  // errors (deleting a post already gone).
  net::HttpResponse answer(const std::string& method, const std::string& path, const std::string& json_body,
                           const std::string& what, bool changes_something) const;
  Timestamp cap_resets_at() const { return cap_resets_at_; }

  static std::string trim_slash(std::string url);

 private:
  net::HttpResponse exchange(net::HttpRequest request, const std::string& what, bool changes_something) const;

  net::HttpEngine& http_;
  std::string base_url_;
  std::string token_;
  Timestamp cap_resets_at_;
};

// Standard base64 with padding, on one line (media uploads, HTTP Basic).
std::string base64(const std::string& bytes);

}  // namespace kanal::x
