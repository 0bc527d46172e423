#pragma once
// Calls to an AT Protocol server (XRPC over HTTP), answered as plain JSON
// or as the plugin contract's typed NetworkError. Used from the plugin's own
// worker threads: each call waits for its answer (bounded by the request's
// timeout), never on the HTTP engine's thread.

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kanal/plugin/answers.h"
#include "kanal/plugin/network.h"
#include "net/http_engine.h"

namespace kanal::bluesky {

using plugin::count_at;
using plugin::parse_answer;
using plugin::string_at;

using Query = std::vector<std::pair<std::string, std::string>>;

// What went wrong, from an XRPC error answer ({"error": Name, "message"}):
// 401 and expired or invalid tokens → auth_expired; 429 → rate_limited until
// the ratelimit-reset header's time; 5xx → transient; other 4xx → rejected
// with the server's words.
plugin::NetworkError xrpc_failure(const net::HttpResponse& response, const std::string& what);
// The error name of an XRPC error answer ("" when there is none).
std::string xrpc_error_name(const net::HttpResponse& response);

class Xrpc {
 public:
  Xrpc(net::HttpEngine& http, std::string server_url, std::string token = {})
      : http_(http), server_url_(trim_slash(std::move(server_url))), token_(std::move(token)) {}

  // GET /xrpc/NSID?query: the answer's JSON, or a NetworkError.
  rapidjson::Document query(const std::string& nsid, const Query& params, const std::string& what) const;
  // POST /xrpc/NSID with a JSON body. `changes_something`: a lost answer is
  // an unknown outcome, and libcurl must not resend it.
  rapidjson::Document procedure(const std::string& nsid, const std::string& body, const std::string& what,
                                bool changes_something) const;
  // The raw answer of a procedure or query, any status (for answers that
  // are not errors to the caller, e.g. a record that already exists).
  net::HttpResponse send(const std::string& method, const std::string& nsid, const Query& params,
                         const std::string& body, const std::string& content_type, bool changes_something,
                         const std::string& what) const;

  const std::string& server_url() const { return server_url_; }
  static std::string trim_slash(std::string url);

 private:
  net::HttpEngine& http_;
  std::string server_url_;
  std::string token_;
};

}  // namespace kanal::bluesky
