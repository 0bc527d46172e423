// What comes back from the network, and answering it: notifications of
// mentions (replies, mentions, direct messages) after a cursor, the
// conversation around a status, replies, what Mastodon offers instead of
// hiding a reply (mute, block, report), and the counts behind metrics.
#include <memory>
#include <mutex>

#include "core/json.h"
#include "mastodon_network.h"
#include "mastodon_responses.h"
#include "net/oauth_pkce.h"

namespace kanal::mastodon {
namespace {

using plugin::FailureKind;
using plugin::NetworkError;

constexpr std::size_t kNotificationsPerPage = 40;

// The handle as Mastodon resolves it in a status: "@anna@social.example".
bool mentions(const std::string& text, const std::string& handle) {
  const auto local = handle.substr(0, handle.find('@', 1));
  return text.find(handle) != std::string::npos || text.find(local + " ") != std::string::npos;
}

}  // namespace

Future<plugin::InteractionPage> MastodonNetwork::fetch_interactions(const plugin::Connection& connection,
                                                                    const std::string& cursor) {
  // min_id pages forward from the oldest: without it Mastodon gives the newest
  // page, and what came before it would be skipped.
  const std::string path = "/api/v1/notifications?types[]=mention&limit=" + std::to_string(kNotificationsPerPage) +
                           "&min_id=" + net::form_encode(cursor.empty() ? "0" : cursor);
  auto request = make_request("GET", connection.server_url, path, access_token(connection));
  request.max_response_bytes = kMaxPageBytes;
  return transform(exchange(http_, std::move(request), "reading notifications", false),
                   [cursor, instance_url = connection.server_url](Result<net::HttpResponse>& result) {
                     return parse_notifications(result.value().body, cursor, kNotificationsPerPage, instance_url);
                   });
}

Future<plugin::Thread> MastodonNetwork::fetch_thread(const plugin::Connection& connection,
                                                     const std::string& network_id) {
  auto request =
      make_request("GET", connection.server_url, "/api/v1/statuses/" + net::form_encode(network_id) + "/context",
                   access_token(connection));
  request.max_response_bytes = kMaxPageBytes;
  return transform(exchange(http_, std::move(request), "reading the conversation", false),
                   [instance_url = connection.server_url](Result<net::HttpResponse>& result) {
                     return parse_context(result.value().body, instance_url);
                   });
}

Future<plugin::Published> MastodonNetwork::reply(const plugin::Connection& connection,
                                                 const plugin::ReplyRequest& reply) {
  if (reply.in_reply_to_id.empty() || reply.text.empty()) {
    return failed<plugin::Published>(
        std::make_exception_ptr(NetworkError(FailureKind::rejected, "a reply needs a text and what it answers")));
  }
  // Mastodon tells a person of a reply only when it mentions them.
  NewStatus status;
  status.text = reply.text;
  if (!reply.to_handle.empty() && !mentions(reply.text, reply.to_handle))
    status.text = reply.to_handle + " " + reply.text;
  status.visibility = reply.direct ? "direct" : "public";
  status.language = reply.language;
  status.in_reply_to_id = reply.in_reply_to_id;
  status.idempotency_key = reply.idempotency_key;
  return transform(exchange(http_, status_request(connection, status), "replying", true),
                   [](Result<net::HttpResponse>& result) {
                     const auto posted = posted_status(result.value().body, "replying");
                     return plugin::Published{posted.id, posted.url, {posted.id}};
                   });
}

Future<Done> MastodonNetwork::moderate(const plugin::Connection& connection, const plugin::ModerationRequest& request) {
  using plugin::ModerationAction;
  const bool about_author = request.action != ModerationAction::hide && request.action != ModerationAction::unhide;
  if (about_author && request.author_id.empty()) {
    return failed<Done>(std::make_exception_ptr(
        NetworkError(FailureKind::rejected, "muting, blocking or reporting needs the comment's author")));
  }
  if (request.action == ModerationAction::delete_comment) {
    return plugin::failed<Done>(
        FailureKind::rejected, "a Mastodon account can delete only its own posts: hide, mute, block or report instead");
  }
  net::HttpRequest call;
  std::string what;
  switch (request.action) {
    case ModerationAction::delete_comment: break;  // refused above
    case ModerationAction::hide:
    case ModerationAction::unhide: return hide_reply(connection, request);
    case ModerationAction::mute_author:
    case ModerationAction::block_author: {
      const bool mute = request.action == ModerationAction::mute_author;
      call = make_request("POST", connection.server_url,
                          "/api/v1/accounts/" + net::form_encode(request.author_id) + (mute ? "/mute" : "/block"),
                          access_token(connection));
      what = mute ? "muting the author" : "blocking the author";
      break;
    }
    case ModerationAction::report: {
      call = make_request("POST", connection.server_url, "/api/v1/reports", access_token(connection));
      call.headers.emplace_back("Content-Type", "application/json");
      rapidjson::StringBuffer buffer;
      json::JsonWriter writer(buffer);
      writer.StartObject();
      json::write_string(writer, "account_id", request.author_id);
      writer.Key("status_ids");
      writer.StartArray();
      if (!request.interaction_id.empty()) writer.String(request.interaction_id.c_str());
      writer.EndArray();
      json::write_string(writer, "comment", request.reason.substr(0, 1000));
      json::write_string(writer, "category", "other");
      writer.EndObject();
      call.body = json::to_string(buffer);
      what = "reporting to the server's moderators";
      break;
    }
  }
  // Muting, blocking or reporting twice does no harm: safe to resend.
  // value() rethrows the network's refusal: a mute that did not happen must not look done.
  return transform(exchange(http_, std::move(call), what, false), [](Result<net::HttpResponse>& result) {
    result.value();
    return Done{};
  });
}

// Mastodon cannot hide a reply on one's own post; the Kanal sandbox can (an
// extension its instance description announces), so the server is asked first.
Future<Done> MastodonNetwork::hide_reply(const plugin::Connection& connection,
                                         const plugin::ModerationRequest& request) {
  Promise<Done> promise;
  auto future = promise.future();
  describe(connection.server_url).then([this, connection, request, promise](Result<NetworkDescriptor> server) mutable {
    if (!server.ok()) return promise.set_error(server.error());
    if (!server.value().has(plugin::kHideReplies)) {
      return promise.set_error(std::make_exception_ptr(NetworkError(
          FailureKind::rejected,
          "Mastodon cannot hide a reply on your post: mute or block its author, or report it to the server's "
          "moderators")));
    }
    const bool hide = request.action == plugin::ModerationAction::hide;
    auto call = make_request(
        "POST", connection.server_url,
        "/api/v1/kanal_sandbox/statuses/" + net::form_encode(request.interaction_id) + (hide ? "/hide" : "/unhide"),
        access_token(connection));
    // Hiding twice does no harm: safe to resend.
    exchange(http_, std::move(call), hide ? "hiding the reply" : "showing the reply again", false)
        .then([promise](Result<net::HttpResponse> result) mutable {
          if (result.ok()) {
            promise.set_value(Done{});
          } else {
            promise.set_error(result.error());
          }
        });
  });
  return future;
}

Future<plugin::AccountMetrics> MastodonNetwork::account_metrics(const plugin::Connection& connection) {
  auto request =
      make_request("GET", connection.server_url, "/api/v1/accounts/verify_credentials", access_token(connection));
  return transform(exchange(http_, std::move(request), "reading the account's figures", false),
                   [](Result<net::HttpResponse>& result) { return parse_account_metrics(result.value().body); });
}

Future<std::vector<plugin::PostMetrics>> MastodonNetwork::post_metrics(const plugin::Connection& connection,
                                                                       const std::vector<std::string>& network_ids) {
  // One request per post, all at once; the answer keeps the order asked.
  struct Gathering {
    std::mutex mutex;
    std::vector<plugin::PostMetrics> metrics;
    std::size_t remaining = 0;
    std::exception_ptr error;
    Promise<std::vector<plugin::PostMetrics>> promise;
  };
  auto gathering = std::make_shared<Gathering>();
  gathering->metrics.resize(network_ids.size());
  gathering->remaining = network_ids.size();
  auto future = gathering->promise.future();
  if (network_ids.empty()) gathering->promise.set_value({});
  for (std::size_t i = 0; i < network_ids.size(); ++i) {
    auto request = make_request("GET", connection.server_url, "/api/v1/statuses/" + net::form_encode(network_ids[i]),
                                access_token(connection));
    http_.send(std::move(request)).then([gathering, i, id = network_ids[i]](Result<net::HttpResponse> result) {
      plugin::PostMetrics metrics;
      std::exception_ptr error;
      try {
        if (!result.ok()) throw transport_failure(result.error(), false);
        if (result.value().status == 404) {
          metrics.network_id = id;
          metrics.exists = false;  // deleted on the network
        } else {
          check_status(result.value(), "reading a post's figures");
          metrics = parse_post_metrics(result.value().body);
        }
      } catch (...) {
        error = std::current_exception();
      }
      std::unique_lock lock(gathering->mutex);
      gathering->metrics[i] = std::move(metrics);
      if (error && !gathering->error) gathering->error = error;
      if (--gathering->remaining > 0) return;
      lock.unlock();
      if (gathering->error) {
        gathering->promise.set_error(gathering->error);
      } else {
        gathering->promise.set_value(std::move(gathering->metrics));
      }
    });
  }
  return future;
}

Future<plugin::Credentials> MastodonNetwork::refresh(const plugin::Connection& connection) {
  Token token;
  try {
    token = token_of(connection.credentials);
  } catch (const Error&) {
    return plugin::failed<plugin::Credentials>(FailureKind::auth_expired,
                                               "the stored access cannot be read: connect the account again");
  }
  if (token.refresh_token.empty()) {
    return plugin::failed<plugin::Credentials>(FailureKind::auth_expired,
                                               "the server gave no refresh token: the account must be connected again");
  }
  auto request = make_request("POST", connection.server_url, "/oauth/token");
  request.headers.emplace_back("Content-Type", "application/json");
  rapidjson::StringBuffer buffer;
  json::JsonWriter writer(buffer);
  writer.StartObject();
  json::write_string(writer, "grant_type", "refresh_token");
  json::write_string(writer, "refresh_token", token.refresh_token);
  json::write_string(writer, "client_id", token.client_id);
  json::write_string(writer, "client_secret", token.client_secret);
  writer.EndObject();
  request.body = json::to_string(buffer);
  Token app;
  app.client_id = token.client_id;
  app.client_secret = token.client_secret;
  return transform(http_.send(std::move(request)), [app](Result<net::HttpResponse>& result) {
    if (!result.ok()) throw transport_failure(result.error(), false);
    // A refused refresh token (400 invalid_grant) means: connect again.
    if (result.value().status == 400 || result.value().status == 401) {
      throw NetworkError(FailureKind::auth_expired,
                         "the server refused to renew the access: connect the account again");
    }
    check_status(result.value(), "renewing the access token");
    return to_credentials(parse_token(result.value().body, app));
  });
}

}  // namespace kanal::mastodon
