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

// Mastodon's mark, drawn for Kanal: a speech bubble with an "m".
constexpr const char* kIcon =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect x='1' y='1' width='14' height='12' rx='4' "
    "fill='#6364ff'/><path d='M4 15l2-3h3z' fill='#6364ff'/><path d='M4.5 10V5.5h1.8l1.7 2 1.7-2h1.8V10h-1.4V7.4L8 "
    "9.1 5.9 7.4V10z' fill='#fff'/></svg>";

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
  auto request = make_request("POST", connection.server_url, "/api/v1/statuses", access_token(connection));
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

MastodonNetwork::MastodonNetwork(plugin::Host& host) : http_(host.http()) {}

const NetworkDescriptor& MastodonNetwork::static_descriptor() {
  static const NetworkDescriptor descriptor = [] {
    NetworkDescriptor d;
    d.id = "mastodon";
    d.display_name = "Mastodon";
    d.icon_svg = kIcon;
    // No kHideReplies: Mastodon cannot hide a reply; it offers mute, block, report.
    d.capabilities = kThreads | kMedia | kAltText | kMetrics | kDirectMessages | kMuteBlockReport | kLanguageTags;
    d.figures = kFollowers | kLikes | kShares | kReplies;  // no impressions
    d.sign_in = {SignInMethod::oauth};
    d.asks_for_server = true;
    d.server_hint = "https://social.example";
    d.resend_is_safe = true;                       // Idempotency-Key
    d.idempotency_window = std::chrono::hours(1);  // how long Mastodon keeps one
    // Mastodon's own defaults; describe() reads the instance's real limits.
    d.text.counting = Counting::graphemes;
    d.text.max_characters = 500;
    d.text.characters_per_url = 23;
    d.text.mention_counts_local_part_only = true;
    d.text.mentions = MentionStyle::at_name_host;
    d.text.shown_link_characters = 30;
    d.media.max_attachments = 4;
    d.media.max_image_bytes = 16 * 1024 * 1024;
    d.media.max_description_characters = 1500;
    return d;
  }();
  return descriptor;
}

Future<NetworkDescriptor> MastodonNetwork::describe(const std::string& instance_url) {
  return transform(
      exchange(http_, make_request("GET", instance_url, "/api/v2/instance"), "reading the instance", false),
      [](Result<net::HttpResponse>& result) { return parse_instance(result.value().body, static_descriptor()); });
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
        const Token app = parse_app(result.value().body);
        const auto code_verifier = net::make_code_verifier();
        plugin::AuthorizationRequest authorization;
        authorization.redirect_uri = redirect_uri;
        authorization.state = net::random_token();
        // What the second half needs: the app registered and the PKCE verifier.
        authorization.pending = json_body(
            {{"client_id", app.client_id}, {"client_secret", app.client_secret}, {"code_verifier", code_verifier}});
        authorization.authorize_url =
            trim_slash(instance_url) +
            "/oauth/authorize?response_type=code&client_id=" + net::form_encode(app.client_id) +
            "&redirect_uri=" + net::form_encode(redirect_uri) + "&scope=" + net::form_encode(kScopes) +
            "&state=" + net::form_encode(authorization.state) +
            "&code_challenge=" + net::code_challenge_s256(code_verifier) + "&code_challenge_method=S256";
        return authorization;
      });
}

Future<plugin::SignedIn> MastodonNetwork::complete_authorization(const std::string& instance_url,
                                                                 const plugin::AuthorizationRequest& authorization,
                                                                 const std::string& code) {
  Token app;
  std::string code_verifier;
  try {
    auto pending = json::parse_json(authorization.pending);
    json::ObjectReader reader(pending);
    app.client_id = reader.required_string("client_id", 4096);
    app.client_secret = reader.required_string("client_secret", 4096);
    code_verifier = reader.required_string("code_verifier", 256);
  } catch (const Error& e) {
    return plugin::failed<plugin::SignedIn>(FailureKind::rejected, "the sign-in was not begun here: " + e.detail());
  }
  auto request = make_request("POST", instance_url, "/oauth/token");
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = json_body({{"grant_type", "authorization_code"},
                            {"code", code},
                            {"client_id", app.client_id},
                            {"client_secret", app.client_secret},
                            {"redirect_uri", authorization.redirect_uri},
                            {"code_verifier", code_verifier},
                            {"scope", kScopes}});
  // The token, then the one account it acts as.
  Promise<plugin::SignedIn> promise;
  auto future = promise.future();
  auto* self = this;
  exchange(http_, std::move(request), "exchanging the authorization code", false)
      .then([self, promise, app, instance_url](Result<net::HttpResponse> result) mutable {
        plugin::Connection connection;
        try {
          connection = plugin::Connection{instance_url, "", to_credentials(parse_token(result.value().body, app))};
        } catch (...) {
          promise.set_error(std::current_exception());
          return;
        }
        self->verify(connection).then([promise, connection](Result<plugin::Profile> profile) mutable {
          if (!profile.ok()) {
            promise.set_error(profile.error());
            return;
          }
          connection.account_id = profile.value().network_account_id;
          promise.set_value(plugin::SignedIn{{plugin::AccountChoice{profile.value(), connection, "profile"}}});
        });
      });
  return future;
}

Future<plugin::Profile> MastodonNetwork::verify(const plugin::Connection& connection) {
  auto request =
      make_request("GET", connection.server_url, "/api/v1/accounts/verify_credentials", access_token(connection));
  return transform(exchange(http_, std::move(request), "checking the account", false),
                   [instance_url = connection.server_url](Result<net::HttpResponse>& result) {
                     return parse_account(result.value().body, instance_url);
                   });
}

// RFC 7009: the token stops working on the server.
Future<Done> MastodonNetwork::sign_out(const plugin::Connection& connection) {
  Token token;
  try {
    token = token_of(connection.credentials);
  } catch (const Error&) {
    return plugin::failed<Done>(FailureKind::rejected, "the stored access cannot be read");
  }
  auto request = make_request("POST", connection.server_url, "/oauth/revoke");
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = json_body(
      {{"client_id", token.client_id}, {"client_secret", token.client_secret}, {"token", token.access_token}});
  return transform(exchange(http_, std::move(request), "revoking the access", false),
                   [](Result<net::HttpResponse>&) { return Done{}; });
}

Future<plugin::Published> MastodonNetwork::publish(const plugin::Connection& connection,
                                                   const plugin::Publication& publication) {
  if (publication.parts.empty()) return plugin::failed<plugin::Published>(FailureKind::rejected, "nothing to publish");
  return run_publication(http_, connection, publication);
}

Future<Done> MastodonNetwork::remove(const plugin::Connection& connection, const std::string& network_id) {
  auto request = make_request("DELETE", connection.server_url, "/api/v1/statuses/" + net::form_encode(network_id),
                              access_token(connection));
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
