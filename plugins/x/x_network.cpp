#include "x_network.h"

#include "core/json.h"
#include "kanal/plugin/entry.h"
#include "net/oauth_pkce.h"

namespace kanal::x {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

// X's mark, drawn plainly for Kanal.
constexpr const char* kIcon =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='3' fill='#000'/>"
    "<path d='M3.5 3.5h2.6l2.3 3.1 2.7-3.1h1.2L8.9 7.2l3.6 5.3H9.9L7.5 9.1l-3 3.4H3.3l3.6-4.1z' fill='#fff'/></svg>";

constexpr const char* kApi = "https://api.x.com";
constexpr const char* kAuthorize = "https://x.com/i/oauth2/authorize";
constexpr const char* kWeb = "https://x.com";

std::string form(std::initializer_list<std::pair<const char*, std::string>> fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += (body.empty() ? "" : "&") + std::string(name) + "=" + net::form_encode(value);
  }
  return body;
}

}  // namespace

XNetwork::XNetwork(plugin::Host& host) : host_(host) {}

const NetworkDescriptor& XNetwork::static_descriptor() {
  static const NetworkDescriptor descriptor = [] {
    NetworkDescriptor d;
    d.id = "x";
    d.display_name = "X";
    d.icon_svg = kIcon;
    // No blocking or reporting: X's API v2 offers neither to apps.
    d.capabilities = kThreads | kMedia | kAltText | kHideReplies | kMetrics | kLanguageTags;
    d.figures = kFollowers | kLikes | kShares | kReplies | kQuotes | kImpressions;
    d.sign_in = {SignInMethod::oauth};
    d.asks_for_server = false;
    // X takes no idempotency key, but a resend first looks for the post on
    // the account, so resending the same publication is safe.
    d.resend_is_safe = true;
    d.text.counting = Counting::weighted;
    d.text.max_characters = 280;
    d.text.characters_per_url = 23;
    d.text.mentions = MentionStyle::at_name;
    d.text.links_without_scheme = true;
    d.text.shown_link_characters = 23;
    d.media.max_attachments = 4;
    d.media.max_image_bytes = 5 * 1024 * 1024;
    d.media.content_types = {"image/png", "image/jpeg", "image/webp", "image/gif"};
    d.media.max_description_characters = 1000;
    d.settings = {
        {"client_id", "Client ID of the workspace's X app (developer portal, OAuth 2.0)", false, ""},
        {"client_secret", "Client secret of the X app", true, ""},
        {"monthly_reset_day", "Day of the month the app's post cap renews (developer portal)", false, "1"},
        {"url", "X API", false, kApi},
        {"oauth_url", "X API for tokens (usually the same)", false, kApi},
        {"authorize_url", "Where people sign in to X", false, kAuthorize},
        {"web_url", "Where people read posts", false, kWeb},
    };
    return d;
  }();
  return descriptor;
}

Future<NetworkDescriptor> XNetwork::describe(const std::string&) {
  Promise<NetworkDescriptor> promise;
  promise.set_value(static_descriptor());
  return promise.future();
}

std::string XNetwork::setting(const char* key, const char* fallback) const {
  return XApi::trim_slash(host_.settings().get(key, fallback));
}

std::string XNetwork::endpoint(const char* key, const char* fallback) const {
  auto url = setting(key, fallback);
  if (!is_x_endpoint(url)) {
    throw NetworkError(FailureKind::rejected, "the X setting " + std::string(key) + " names " + url +
                                                  ", which is not X's (https://…x.com): an admin must correct it");
  }
  return url;
}

XApi XNetwork::api(const plugin::Connection& connection) const {
  int reset_day = 1;
  try {
    reset_day = std::stoi(host_.settings().get("monthly_reset_day", "1"));
  } catch (const std::exception&) {
    // not a number: the first of the month, X's default
  }
  if (!connection.account_id.empty() && !is_post_id(connection.account_id)) {
    throw NetworkError(FailureKind::auth_expired, "the account's X id is not one: connect it again");
  }
  return XApi(host_.http(), endpoint("url", kApi), tokens_of(connection.credentials).access_token,
              next_cap_reset(host_.clock().now(), reset_day));
}

net::HttpResponse XNetwork::oauth_post(const std::string& path, const std::string& body,
                                       const std::string& what) const {
  const auto settings = host_.settings();
  const auto client_id = settings.get("client_id");
  const auto client_secret = settings.get("client_secret");
  if (client_id.empty() || client_secret.empty()) {
    throw NetworkError(FailureKind::rejected,
                       "the workspace has no X app yet: an admin enters its client id and secret in Kanal's "
                       "network settings for X");
  }
  net::HttpRequest request;
  request.method = "POST";
  request.url = endpoint("oauth_url", kApi) + path;
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("Accept", "application/json");
  // A confidential client authenticates with HTTP Basic (RFC 6749 §2.3.1).
  request.headers.emplace_back("Authorization",
                               "Basic " + base64(net::form_encode(client_id) + ":" + net::form_encode(client_secret)));
  request.body = body;
  try {
    return host_.http().send(std::move(request)).get();
  } catch (...) {
    const auto failure = transport_failure(std::current_exception(), false);
    throw NetworkError(failure.kind(), what + " failed: " + failure.reason());
  }
}

Future<plugin::AuthorizationRequest> XNetwork::begin_authorization(const std::string&,
                                                                   const std::string& redirect_uri) {
  return executor_.submit([this, redirect_uri] {
    const auto client_id = host_.settings().get("client_id");
    if (client_id.empty() || host_.settings().get("client_secret").empty()) {
      throw NetworkError(FailureKind::rejected,
                         "the workspace has no X app yet: an admin enters its client id and secret in Kanal's "
                         "network settings for X");
    }
    const auto verifier = net::make_code_verifier();
    plugin::AuthorizationRequest authorization;
    authorization.redirect_uri = redirect_uri;
    authorization.state = net::random_token();
    authorization.pending = verifier;  // the client is the workspace's: only the verifier is this sign-in's own
    authorization.authorize_url =
        endpoint("authorize_url", kAuthorize) + "?response_type=code&client_id=" + net::form_encode(client_id) +
        "&redirect_uri=" + net::form_encode(redirect_uri) + "&scope=" + net::form_encode(kScopes) +
        "&state=" + authorization.state + "&code_challenge=" + net::code_challenge_s256(verifier) +
        "&code_challenge_method=S256";
    return authorization;
  });
}

Future<plugin::SignedIn> XNetwork::complete_authorization(const std::string&,
                                                          const plugin::AuthorizationRequest& request,
                                                          const std::string& code) {
  return executor_.submit([this, request, code] {
    const auto response = oauth_post("/2/oauth2/token",
                                     form({{"grant_type", "authorization_code"},
                                           {"code", code},
                                           {"redirect_uri", request.redirect_uri},
                                           {"code_verifier", request.pending},
                                           {"client_id", host_.settings().get("client_id")}}),
                                     "exchanging the authorization code");
    if (response.status != 200) throw x_failure(response, "exchanging the authorization code", false, {});
    plugin::Connection connection{"", "", credentials_from_token_answer(response.body, host_.clock().now())};
    const auto signed_in = profile(api(connection));
    connection.account_id = signed_in.network_account_id;
    host_.log(plugin::LogLevel::information, "signed in " + signed_in.handle + " on X");
    return plugin::SignedIn{{plugin::AccountChoice{signed_in, connection, "profile"}}};
  });
}

plugin::Profile XNetwork::profile(const XApi& api) const {
  const auto answer = api.get("/2/users/me", {{"user.fields", "public_metrics,username,name"}}, "reading the profile");
  const auto* user = member(answer, "data");
  plugin::Profile profile;
  if (user != nullptr) {
    profile.network_account_id = string_at(*user, "id");
    profile.handle = "@" + string_at(*user, "username");
    profile.display_name = string_at(*user, "name");
    if (const auto* figures = member(*user, "public_metrics")) {
      profile.followers = count_at(*figures, "followers_count").value_or(0);
    }
  }
  if (!is_post_id(profile.network_account_id) || profile.handle == "@") {
    throw NetworkError(FailureKind::transient, "X's profile of the account names no user");
  }
  if (profile.display_name.empty()) profile.display_name = profile.handle;
  return profile;
}

Future<plugin::Profile> XNetwork::verify(const plugin::Connection& connection) {
  return executor_.submit([this, connection] { return profile(api(connection)); });
}

Future<plugin::Credentials> XNetwork::refresh(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto tokens = tokens_of(connection.credentials);
    if (tokens.refresh_token.empty()) {
      throw NetworkError(FailureKind::auth_expired, "X gave no refresh token: connect the account again");
    }
    const auto response = oauth_post("/2/oauth2/token",
                                     form({{"grant_type", "refresh_token"},
                                           {"refresh_token", tokens.refresh_token},
                                           {"client_id", host_.settings().get("client_id")}}),
                                     "renewing the access");
    if (response.status == 400 || response.status == 401) {
      // The refresh token was revoked, used already, or has expired.
      throw NetworkError(FailureKind::auth_expired,
                         "X no longer accepts Kanal's access to the account: connect it again");
    }
    if (response.status != 200) throw x_failure(response, "renewing the access", false, {});
    return credentials_from_token_answer(response.body, host_.clock().now());
  });
}

// Revokes both tokens (RFC 7009), so the grant ends at X.
Future<Done> XNetwork::sign_out(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto tokens = tokens_of(connection.credentials);
    for (const auto& [token, hint] :
         {std::pair{tokens.refresh_token, "refresh_token"}, std::pair{tokens.access_token, "access_token"}}) {
      if (token.empty()) continue;
      const auto response = oauth_post(
          "/2/oauth2/revoke",
          form({{"token", token}, {"token_type_hint", hint}, {"client_id", host_.settings().get("client_id")}}),
          "revoking the access");
      if (response.status != 200) throw x_failure(response, "revoking the access", false, {});
    }
    return Done{};
  });
}

Future<plugin::AccountMetrics> XNetwork::account_metrics(const plugin::Connection& connection) {
  return executor_.submit([this, connection] {
    const auto answer =
        api(connection).get("/2/users/me", {{"user.fields", "public_metrics"}}, "reading the account's figures");
    const auto* user = member(answer, "data");
    const auto* figures = user != nullptr ? member(*user, "public_metrics") : nullptr;
    if (figures == nullptr) return plugin::AccountMetrics{};
    return plugin::AccountMetrics{count_at(*figures, "followers_count"), count_at(*figures, "following_count"),
                                  count_at(*figures, "tweet_count")};
  });
}

Future<std::vector<plugin::PostMetrics>> XNetwork::post_metrics(const plugin::Connection& connection,
                                                                const std::vector<std::string>& network_ids) {
  return executor_.submit([this, connection, network_ids] {
    const auto account = api(connection);
    std::vector<plugin::PostMetrics> all;
    constexpr std::size_t kPerCall = 100;  // GET /2/tweets takes at most 100 ids
    for (std::size_t at = 0; at < network_ids.size(); at += kPerCall) {
      std::string ids;
      const auto end = std::min(network_ids.size(), at + kPerCall);
      for (std::size_t i = at; i < end; ++i) {
        if (is_post_id(network_ids[i])) ids += (ids.empty() ? "" : ",") + network_ids[i];
      }
      rapidjson::Document answer(rapidjson::kObjectType);
      if (!ids.empty()) {
        answer =
            account.get("/2/tweets", {{"ids", ids}, {"tweet.fields", "public_metrics"}}, "reading the posts' figures");
      }
      const auto* data = member(answer, "data");
      const auto gone = not_found_ids(answer);
      for (std::size_t i = at; i < end; ++i) {
        plugin::PostMetrics metrics;  // neither given nor said to be gone: not available now
        metrics.network_id = network_ids[i];
        metrics.exists = !gone.contains(network_ids[i]) && is_post_id(network_ids[i]);
        if (data != nullptr && data->IsArray()) {
          for (const auto& tweet : data->GetArray()) {
            if (string_at(tweet, "id") == network_ids[i]) metrics = post_metrics_of(tweet);
          }
        }
        all.push_back(std::move(metrics));
      }
    }
    return all;
  });
}

}  // namespace kanal::x

KANAL_PLUGIN(kanal::x::XNetwork, "x")
