// find_published(): after the server may have forgotten an idempotency key
// (it keeps one for an hour), the account's statuses since the first attempt
// are read, and each that could be a part (the reply it should be, as many
// images, the words it shows) has its source compared with the text as
// written; a thread is followed part by part.
#include <algorithm>
#include <memory>

#include "mastodon_network.h"
#include "mastodon_responses.h"
#include "net/oauth_pkce.h"

namespace kanal::mastodon {
namespace {

using plugin::FailureKind;
using plugin::NetworkError;

constexpr int kStatusesPerPage = 40;
constexpr int kMaxPages = 10;  // 400 statuses since the attempt: beyond that, a person looks

struct Lookup : std::enable_shared_from_this<Lookup> {
  struct Step {
    std::size_t part;
    std::size_t status;              // index into `statuses`
    std::vector<std::size_t> chain;  // the parts before, found
  };

  net::HttpEngine& http;
  plugin::Connection connection;
  plugin::Publication publication;
  std::string in_reply_to_id;
  Timestamp since;
  Promise<std::vector<plugin::Published>> promise;
  std::vector<OwnStatus> statuses;
  int pages = 0;
  std::vector<Step> to_check;
  std::vector<std::vector<std::size_t>> found;
  std::size_t most_parts_found = 0;

  Lookup(net::HttpEngine& engine, plugin::Connection c, plugin::Publication p, std::string reply_to, Timestamp t)
      : http(engine),
        connection(std::move(c)),
        publication(std::move(p)),
        in_reply_to_id(std::move(reply_to)),
        since(t) {}

  template <class Next>
  void get(const std::string& path, const std::string& what, Next next) {
    auto request = make_request("GET", connection.server_url, path, access_token(connection));
    request.max_response_bytes = kMaxPageBytes;
    auto self = shared_from_this();
    exchange(http, std::move(request), what, false).then([self, next](Result<net::HttpResponse> result) mutable {
      try {
        next(result.value());
      } catch (...) {
        self->promise.set_error(std::current_exception());
      }
    });
  }

  void read_page(const std::string& max_id) {
    if (++pages > kMaxPages) {
      throw NetworkError(FailureKind::unknown_outcome,
                         "more than " + std::to_string(kMaxPages * kStatusesPerPage) +
                             " posts on the account since the attempt: Kanal cannot look through them all");
    }
    std::string path = "/api/v1/accounts/" + net::form_encode(connection.account_id) +
                       "/statuses?limit=" + std::to_string(kStatusesPerPage);
    if (!max_id.empty()) path += "&max_id=" + net::form_encode(max_id);
    auto self = shared_from_this();
    get(path, "listing the account's posts", [self](const net::HttpResponse& response) {
      auto page = parse_own_statuses(response.body);
      bool older_reached = page.empty();
      const auto last_id = older_reached ? std::string() : page.back().id;
      for (auto& status : page) {
        if (status.created_at < self->since) {
          older_reached = true;
        } else {
          self->statuses.push_back(std::move(status));
        }
      }
      if (!older_reached) return self->read_page(last_id);
      self->begin_matching();
    });
  }

  // Statuses that could be part `part`, under `parent`, oldest first.
  void add_candidates(std::size_t part, const std::string& parent, const std::vector<std::size_t>& chain) {
    const auto& wanted = publication.parts[part];
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < statuses.size(); ++i) {
      const auto& status = statuses[i];
      if (status.in_reply_to_id == parent && status.media == wanted.media.size() &&
          may_be_written_as(status.shown_text, wanted.text)) {
        candidates.push_back(i);
      }
    }
    std::sort(candidates.begin(), candidates.end(),
              [&](std::size_t a, std::size_t b) { return statuses[a].created_at > statuses[b].created_at; });
    for (const auto i : candidates) to_check.push_back(Step{part, i, chain});  // the oldest is taken first
  }

  void begin_matching() {
    add_candidates(0, in_reply_to_id, {});
    check_next();
  }

  void check_next() {
    if (to_check.empty()) return finish();
    const auto step = to_check.back();
    to_check.pop_back();
    auto self = shared_from_this();
    get("/api/v1/statuses/" + net::form_encode(statuses[step.status].id) + "/source", "reading a post's source",
        [self, step](const net::HttpResponse& response) {
          const auto& wanted = self->publication.parts[step.part];
          const bool answer = step.part == 0 && !self->in_reply_to_id.empty();
          if (written_as(parse_status_source(response.body), wanted.text, answer)) {
            auto chain = step.chain;
            chain.push_back(step.status);
            self->most_parts_found = std::max(self->most_parts_found, chain.size());
            if (chain.size() == self->publication.parts.size()) {
              self->found.push_back(std::move(chain));
            } else {
              self->add_candidates(step.part + 1, self->statuses[step.status].id, chain);
            }
          }
          self->check_next();
        });
  }

  void finish() {
    if (found.empty() && most_parts_found > 0) {
      return promise.set_error(std::make_exception_ptr(
          NetworkError(FailureKind::unknown_outcome, std::to_string(most_parts_found) + " of the thread's " +
                                                         std::to_string(publication.parts.size()) +
                                                         " parts are on the account, the rest not")));
    }
    std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
      return statuses[a.front()].created_at < statuses[b.front()].created_at;
    });
    std::vector<plugin::Published> published;
    for (const auto& chain : found) {
      plugin::Published one{statuses[chain.front()].id, statuses[chain.front()].url, {}};
      for (const auto i : chain) one.part_ids.push_back(statuses[i].id);
      published.push_back(std::move(one));
    }
    promise.set_value(std::move(published));
  }
};

}  // namespace

Future<std::vector<plugin::Published>> MastodonNetwork::find_published(const plugin::Connection& connection,
                                                                       const plugin::Publication& publication,
                                                                       const std::string& in_reply_to_id,
                                                                       Timestamp since) {
  if (publication.parts.empty())
    return plugin::failed<std::vector<plugin::Published>>(FailureKind::rejected, "nothing to look for");
  auto lookup = std::make_shared<Lookup>(http_, connection, publication, in_reply_to_id, since);
  auto future = lookup->promise.future();
  try {
    lookup->read_page("");
  } catch (...) {
    lookup->promise.set_error(std::current_exception());
  }
  return future;
}

}  // namespace kanal::mastodon
