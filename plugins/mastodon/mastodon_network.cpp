#include "mastodon_network.h"

#include "core/json.h"
#include "kanal/plugin/entry.h"
#include "mastodon_responses.h"
#include "net/oauth_pkce.h"

namespace kanal::mastodon {
namespace {

using plugin::FailureKind;
using plugin::NetworkError;

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string json_body(const std::vector<std::pair<const char*, std::string>>& fields) {
  rapidjson::StringBuffer buffer;
  json::JsonWriter writer(buffer);
  writer.StartObject();
  for (const auto& [name, value] : fields) json::write_string(writer, name, value);
  writer.EndObject();
  return json::to_string(buffer);
}

}  // namespace

Future<net::HttpResponse> exchange(net::HttpEngine& http, net::HttpRequest request, const std::string& what,
                                   bool changes_something) {
  return transform(http.send(std::move(request)), [what, changes_something](Result<net::HttpResponse>& result) {
    if (!result.ok()) throw transport_failure(result.error(), changes_something);
    check_status(result.value(), what);
    return std::move(result.value());
  });
}

net::HttpRequest make_request(const std::string& method, const std::string& instance_url, const std::string& path,
                              const std::string& token) {
  net::HttpRequest request;
  request.method = method;
  request.url = trim_slash(instance_url) + path;
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("User-Agent", "Kanal");
  if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
  return request;
}

net::HttpRequest status_request(const plugin::Connection& connection, const NewStatus& status) {
  auto request = make_request("POST", connection.instance_url, "/api/v1/statuses", connection.credentials.access_token);
  request.headers.emplace_back("Content-Type", "application/json");
  if (!status.idempotency_key.empty()) request.headers.emplace_back("Idempotency-Key", status.idempotency_key);
  request.must_not_resend = true;
  rapidjson::StringBuffer buffer;
  json::JsonWriter writer(buffer);
  writer.StartObject();
  // A media-only status has no "status": the API describes text statuses and
  // media statuses as distinct shapes.
  if (!status.text.empty() || status.media_ids.empty()) json::write_string(writer, "status", status.text);
  json::write_string(writer, "visibility", status.visibility);
  if (!status.language.empty()) json::write_string(writer, "language", status.language);
  if (!status.in_reply_to_id.empty()) json::write_string(writer, "in_reply_to_id", status.in_reply_to_id);
  if (!status.media_ids.empty()) {
    writer.Key("media_ids");
    writer.StartArray();
    for (const auto& id : status.media_ids) writer.String(id.c_str());
    writer.EndArray();
  }
  writer.EndObject();
  request.body = json::to_string(buffer);
  return request;
}

StatusRef posted_status(const std::string& body, const std::string& what) {
  try {
    return parse_status(body);
  } catch (const Error& e) {
    throw NetworkError(FailureKind::unknown_outcome, "the answer to " + what + " is malformed: " + e.detail());
  }
}

MastodonNetwork::MastodonNetwork(plugin::Host& host) : http_(host.http) {
  description_.id = "mastodon";
  description_.display_name = "Mastodon";
  // No kHideReplies: Mastodon cannot hide a reply; it offers mute, block, report.
  description_.capabilities = plugin::kThreads | plugin::kMedia | plugin::kAltText | plugin::kMetrics |
                              plugin::kDirectMessages | plugin::kMuteBlockReport;
  description_.auth = plugin::AuthMethod::oauth_pkce;
  description_.needs_instance_url = true;
  description_.idempotent_publish = true;
  // Mastodon's own defaults; describe() reads the instance's real limits.
  description_.text = {500, 23, true};
  description_.media = {4, 16 * 1024 * 1024, 1500};
}

Future<plugin::NetworkDescription> MastodonNetwork::describe(const std::string& instance_url) {
  return transform(
      exchange(http_, make_request("GET", instance_url, "/api/v2/instance"), "reading the instance", false),
      [base = description_](Result<net::HttpResponse>& result) { return parse_instance(result.value().body, base); });
}

Future<plugin::AuthorizationRequest> MastodonNetwork::begin_authorization(const std::string& instance_url,
                                                                          const std::string& redirect_uri) {
  auto request = make_request("POST", instance_url, "/api/v1/apps");
  request.headers.emplace_back("Content-Type", "application/json");
  {
    // redirect_uris is an array in the API description (Mastodon 4.3+).
    rapidjson::StringBuffer buffer;
    json::JsonWriter writer(buffer);
    writer.StartObject();
    json::write_string(writer, "client_name", "Kanal");
    writer.Key("redirect_uris");
    writer.StartArray();
    writer.String(redirect_uri.c_str());
    writer.EndArray();
    json::write_string(writer, "scopes", kScopes);
    writer.EndObject();
    request.body = json::to_string(buffer);
  }
  return transform(
      exchange(http_, std::move(request), "registering Kanal on the instance", false),
      [instance_url, redirect_uri](Result<net::HttpResponse>& result) {
        plugin::AuthorizationRequest authorization;
        authorization.app = parse_app(result.value().body);
        authorization.redirect_uri = redirect_uri;
        authorization.state = net::random_token();
        authorization.code_verifier = net::make_code_verifier();
        authorization.authorize_url =
            trim_slash(instance_url) +
            "/oauth/authorize?response_type=code&client_id=" + net::form_encode(authorization.app.client_id) +
            "&redirect_uri=" + net::form_encode(redirect_uri) + "&scope=" + net::form_encode(kScopes) +
            "&state=" + net::form_encode(authorization.state) +
            "&code_challenge=" + net::code_challenge_s256(authorization.code_verifier) + "&code_challenge_method=S256";
        return authorization;
      });
}

Future<plugin::Credentials> MastodonNetwork::complete_authorization(const std::string& instance_url,
                                                                    const plugin::AuthorizationRequest& authorization,
                                                                    const std::string& code) {
  auto request = make_request("POST", instance_url, "/oauth/token");
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = json_body({{"grant_type", "authorization_code"},
                            {"code", code},
                            {"client_id", authorization.app.client_id},
                            {"client_secret", authorization.app.client_secret},
                            {"redirect_uri", authorization.redirect_uri},
                            {"code_verifier", authorization.code_verifier},
                            {"scope", kScopes}});
  return transform(
      exchange(http_, std::move(request), "exchanging the authorization code", false),
      [app = authorization.app](Result<net::HttpResponse>& result) { return parse_token(result.value().body, app); });
}

Future<plugin::Profile> MastodonNetwork::verify(const plugin::Connection& connection) {
  auto request = make_request("GET", connection.instance_url, "/api/v1/accounts/verify_credentials",
                              connection.credentials.access_token);
  return transform(exchange(http_, std::move(request), "checking the account", false),
                   [instance_url = connection.instance_url](Result<net::HttpResponse>& result) {
                     return parse_account(result.value().body, instance_url);
                   });
}

Future<plugin::Published> MastodonNetwork::publish(const plugin::Connection& connection,
                                                   const plugin::Publication& publication) {
  if (publication.parts.empty()) {
    Promise<plugin::Published> promise;
    promise.set_error(std::make_exception_ptr(NetworkError(FailureKind::rejected, "nothing to publish")));
    return promise.future();
  }
  return run_publication(http_, connection, publication);
}

Future<Done> MastodonNetwork::remove(const plugin::Connection& connection, const std::string& network_id) {
  auto request = make_request("DELETE", connection.instance_url, "/api/v1/statuses/" + net::form_encode(network_id),
                              connection.credentials.access_token);
  request.must_not_resend = true;
  return transform(http_.send(std::move(request)), [](Result<net::HttpResponse>& result) {
    if (!result.ok()) throw transport_failure(result.error(), true);
    if (result.value().status == 404) return Done{};  // already gone: the goal is met
    check_status(result.value(), "deleting the post");
    return Done{};
  });
}

}  // namespace kanal::mastodon

KANAL_PLUGIN(kanal::mastodon::MastodonNetwork, "mastodon")
