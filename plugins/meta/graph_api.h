#pragma once
// Calls to Meta's Graph API, for the Facebook and Instagram plugins: as a
// page (its token), signed with the app's secret (appsecret_proof), answered
// as plain JSON or as the plugin contract's typed NetworkError. Each call
// waits for its answer (bounded by the request's timeout): used from the
// plugins' own worker threads, never on the HTTP engine's.
//
// Meta throttles by usage, not by count: every answer says how much of the
// app's and the page's hourly budget is spent (X-App-Usage,
// X-Business-Use-Case-Usage). A UsageGate remembers it, so calls stop
// before Meta refuses them.

#include <rapidjson/document.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "kanal/plugin/answers.h"
#include "kanal/plugin/network.h"
#include "net/http_engine.h"

namespace kanal::meta {

using plugin::count_at;
using plugin::member;
using plugin::parse_answer;
using plugin::string_at;

using Params = std::vector<std::pair<std::string, std::string>>;

// The Graph API version Kanal is written against.
inline constexpr const char* kGraphVersion = "v21.0";

// Meta's error document ({"error":{"message","type","code","error_subcode",
// "error_user_msg","is_transient"}}), or what the body says otherwise.
struct GraphError {
  int code = 0;
  int subcode = 0;
  std::string message;
  bool is_transient = false;
};
GraphError graph_error_of(const std::string& body);

// The highest share of a budget an answer reports spent (0–100 and more),
// and how long Meta says regaining access takes.
struct Usage {
  int percent = 0;
  std::chrono::minutes regain{0};
};
Usage usage_of(const net::HttpResponse& response);

// Holds calls back while Meta's budget is spent: from the usage an answer
// reports (at kHoldAtPercent or more) or a throttling refusal, until the
// time Meta names or a quarter of an hour. Shared by a plugin's calls.
class UsageGate {
 public:
  static constexpr int kHoldAtPercent = 95;
  // rate_limited until the hold ends, when one is on.
  void check(Timestamp now) const;
  void note(const Usage& usage, Timestamp now);
  void hold(Timestamp until);

 private:
  mutable std::mutex mutex_;
  std::optional<Timestamp> held_until_;
  int percent_ = 0;
};

// What went wrong, from Meta's answer. 190 → auth_expired (connect again);
// 4, 17, 32, 613 and 80001–80014 → rate_limited (held); 200–299 and 10 →
// rejected for a missing permission; 368 → rejected, blocked for policy;
// 100 → rejected, an invalid parameter; 1, 2 and 5xx → transient, or
// unknown_outcome for a call that changes something.
plugin::NetworkError graph_failure(const net::HttpResponse& response, const std::string& what, bool changes_something,
                                   Timestamp now);

// Whether `url` may be a Meta endpoint: Meta's own (https, facebook.com or
// instagram.com) or this machine's (tests). An admin's setting elsewhere
// would hand the app's secret and the pages' tokens to another host.
bool is_meta_endpoint(const std::string& url);

class GraphApi;

// Whether Meta answered that the object is not there (deleted, or never
// was: Graph's 100/33).
bool is_gone(const net::HttpResponse& response);

// Deletes a comment (a person's explicit choice); one already gone is done.
void delete_comment(const GraphApi& api, const std::string& comment_id);

// Reads an edge page by page (Graph's cursors), handing each item to `each`
// until it answers false or `max_pages` are read. Answers whether the edge
// had more than was read.
template <class Each>
bool each_page(const GraphApi& api, const std::string& path, const Params& query, int max_pages,
               const std::string& what, Each each);

class GraphApi {
 public:
  // `graph_url` without the version; `token` a page's, a user's or the app's.
  GraphApi(net::HttpEngine& http, std::string graph_url, std::string token, std::string app_secret, UsageGate& gate,
           const Clock& clock);

  rapidjson::Document get(const std::string& path, const Params& query, const std::string& what) const;
  // POST form fields. `changes_something`: a lost answer is an unknown
  // outcome, and libcurl must not resend it.
  rapidjson::Document post(const std::string& path, const Params& form, const std::string& what,
                           bool changes_something) const;
  // POST multipart with one file part, `source` (a photo upload).
  rapidjson::Document upload(const std::string& path, const Params& fields, const plugin::Media& media,
                             const std::string& what) const;
  // The raw answer, any status, for callers to whom some failures are not
  // errors (deleting what is already gone, a post refused as a duplicate).
  net::HttpResponse answer(const std::string& method, const std::string& path, const Params& params,
                           const std::string& what, bool changes_something) const;
  // The answer's JSON, or the error it is.
  rapidjson::Document read(const net::HttpResponse& response, const std::string& what, bool changes_something) const;

  static std::string trim_slash(std::string url);

 private:
  net::HttpResponse exchange(net::HttpRequest request, const std::string& what, bool changes_something) const;
  std::string url(const std::string& path, const Params& query) const;
  std::string form(const Params& params) const;

  net::HttpEngine& http_;
  std::string base_;
  std::string token_;
  std::string proof_;
  UsageGate& gate_;
  const Clock& clock_;
};

template <class Each>
bool each_page(const GraphApi& api, const std::string& path, const Params& query, int max_pages,
               const std::string& what, Each each) {
  std::string after;
  for (int i = 0; i < max_pages; ++i) {
    auto paged = query;
    if (!after.empty()) paged.emplace_back("after", after);
    const auto answer = api.get(path, paged, what);
    if (const auto* data = member(answer, "data"); data != nullptr && data->IsArray()) {
      for (const auto& item : data->GetArray()) {
        if (!each(item)) return false;
      }
    }
    const auto* paging = member(answer, "paging");
    const auto* cursors = paging != nullptr ? member(*paging, "cursors") : nullptr;
    after = cursors != nullptr && paging->HasMember("next") ? string_at(*cursors, "after") : std::string();
    if (after.empty()) return false;
  }
  return true;
}

}  // namespace kanal::meta
