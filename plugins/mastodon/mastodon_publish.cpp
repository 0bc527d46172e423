// publish() as a chain of steps on the HTTP engine's thread: for each part,
// upload its media (waiting while the server processes them), then post the
// status as a reply to the previous part. Every status carries an
// Idempotency-Key derived from the publication's, so resending after an
// unknown outcome never posts twice.
#include <memory>

#include "core/json.h"
#include "mastodon_network.h"
#include "mastodon_responses.h"
#include "net/oauth_pkce.h"

namespace kanal::mastodon {
namespace {

using plugin::FailureKind;
using plugin::NetworkError;

constexpr int kMaxMediaPolls = 120;
constexpr std::chrono::milliseconds kMediaPollInterval{250};

struct Run : std::enable_shared_from_this<Run> {
  net::HttpEngine& http;
  plugin::Connection connection;
  plugin::Publication publication;
  Promise<plugin::Published> promise;
  plugin::Published published;
  std::size_t part = 0;
  std::size_t media = 0;  // the next media item of the current part
  std::vector<std::string> media_ids;
  int polls = 0;

  Run(net::HttpEngine& engine, plugin::Connection c, plugin::Publication p)
      : http(engine), connection(std::move(c)), publication(std::move(p)) {}

  void fail(std::exception_ptr error, bool changes_something) {
    promise.set_error(std::make_exception_ptr(transport_failure(error, changes_something)));
  }

  // Runs `next` with the checked response, or fails the whole publication.
  template <class Next>
  void exchange(net::HttpRequest request, std::string what, bool changes_something, Next next) {
    auto self = shared_from_this();
    http.send(std::move(request))
        .then([self, what = std::move(what), changes_something, next](Result<net::HttpResponse> result) mutable {
          try {
            if (!result.ok()) throw transport_failure(result.error(), changes_something);
            check_status(result.value(), what);
            next(result.value());
          } catch (...) {
            self->fail(std::current_exception(), changes_something);
          }
        });
  }

  void step() {
    if (part == publication.parts.size()) {
      promise.set_value(published);
      return;
    }
    const auto& current = publication.parts[part];
    if (media < current.media.size()) {
      upload(current.media[media]);
    } else {
      post_status();
    }
  }

  void upload(const plugin::Media& item) {
    auto request = make_request("POST", connection.server_url, "/api/v2/media", access_token(connection));
    request.form = {{"file", item.content, item.filename.empty() ? "image" : item.filename, item.content_type},
                    {"description", item.description, "", ""}};
    request.timeout = std::chrono::seconds(120);
    auto self = shared_from_this();
    // An upload posts nothing: a lost answer leaves at worst an unused file.
    exchange(std::move(request), "uploading an image", false, [self](const net::HttpResponse& response) {
      auto uploaded = parse_media(response);
      self->polls = 0;
      if (uploaded.ready) {
        self->media_ready(uploaded.id);
      } else {
        self->wait_for_media(uploaded.id);
      }
    });
  }

  void wait_for_media(const std::string& id) {
    if (++polls > kMaxMediaPolls) {
      promise.set_error(std::make_exception_ptr(
          NetworkError(FailureKind::transient, "the server did not finish processing an image in time")));
      return;
    }
    auto self = shared_from_this();
    http.after(kMediaPollInterval).then([self, id](Result<Done> waited) {
      if (!waited.ok()) {
        self->fail(waited.error(), false);
        return;
      }
      auto request = make_request("GET", self->connection.server_url, "/api/v1/media/" + net::form_encode(id),
                                  access_token(self->connection));
      self->exchange(std::move(request), "checking an image", false, [self](const net::HttpResponse& response) {
        auto checked = parse_media(response);
        if (checked.ready) {
          self->media_ready(checked.id);
        } else {
          self->wait_for_media(checked.id);
        }
      });
    });
  }

  void media_ready(const std::string& id) {
    media_ids.push_back(id);
    ++media;
    step();
  }

  void post_status() {
    const auto& current = publication.parts[part];
    NewStatus status;
    status.text = current.text;
    status.language = publication.language;
    if (!published.part_ids.empty()) status.in_reply_to_id = published.part_ids.back();
    status.media_ids = media_ids;
    status.idempotency_key = publication.idempotency_key + "#" + std::to_string(part);
    auto self = shared_from_this();
    exchange(status_request(connection, status), "posting", true, [self](const net::HttpResponse& response) {
      const auto posted = posted_status(response.body, "posting");
      if (self->published.part_ids.empty()) {
        self->published.network_id = posted.id;
        self->published.url = posted.url;
      }
      self->published.part_ids.push_back(posted.id);
      self->media_ids.clear();
      self->media = 0;
      ++self->part;
      self->step();
    });
  }
};

}  // namespace

Future<plugin::Published> run_publication(net::HttpEngine& http, const plugin::Connection& connection,
                                          const plugin::Publication& publication) {
  auto run = std::make_shared<Run>(http, connection, publication);
  auto future = run->promise.future();
  run->step();
  return future;
}

}  // namespace kanal::mastodon
