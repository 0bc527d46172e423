#include "meta_app.h"

#include "core/error.h"
#include "core/json.h"
#include "net/oauth_pkce.h"

namespace kanal::meta {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr const char* kGraph = "https://graph.facebook.com";
constexpr const char* kWeb = "https://www.facebook.com";
constexpr int kMaxAccountPages = 20;  // 2,000 pages: more than anyone manages

constexpr const char* kNoApp =
    "the workspace has no Meta app yet: an admin enters its app id and secret in Kanal's network settings for "
    "Facebook";

// A page lets Kanal post only through a person with the task to create content on it.
bool may_post(const rapidjson::Value& page) {
  const auto* tasks = member(page, "tasks");
  if (tasks == nullptr || !tasks->IsArray()) return true;  // not said: Meta decides when Kanal posts
  for (const auto& task : tasks->GetArray()) {
    if (task.IsString() && std::string_view(task.GetString()) == "CREATE_CONTENT") return true;
  }
  return false;
}

}  // namespace

plugin::Credentials to_credentials(const PageAccess& access) {
  const auto secret = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "user_id", access.user_id);
    json::write_string(w, "page_id", access.page_id);
    json::write_string(w, "page_token", access.page_token);
    json::write_string(w, "instagram_id", access.instagram_id);
    w.EndObject();
  });
  // Every page and Instagram account of one login shares the person's grant.
  return plugin::Credentials{secret, std::nullopt, false, "meta-user:" + access.user_id};
}

PageAccess access_of(const plugin::Credentials& credentials) {
  try {
    const auto doc = json::parse_json(credentials.secret);
    PageAccess access{string_at(doc, "user_id"), string_at(doc, "page_id"), string_at(doc, "page_token"),
                      string_at(doc, "instagram_id")};
    if (!access.page_token.empty() && !access.page_id.empty()) return access;
  } catch (const Error&) {
  }
  throw NetworkError(FailureKind::auth_expired, "the stored access to Meta cannot be read: connect the account again");
}

std::vector<NetworkSetting> app_settings() {
  return {
      {"app_id", "App ID of the workspace's Meta app (Facebook and Instagram)", false, ""},
      {"app_secret", "App secret of the Meta app", true, ""},
      {"graph_url", "Meta's Graph API", false, kGraph},
      {"web_url", "Where people sign in to Facebook", false, kWeb},
  };
}

MetaApp::MetaApp(plugin::Host& host) : host_(host) {}

std::string MetaApp::setting(const char* key, const char* fallback) const {
  return GraphApi::trim_slash(host_.settings().get(key, fallback));
}

std::string MetaApp::endpoint(const char* key, const char* fallback) const {
  auto url = setting(key, fallback);
  if (!is_meta_endpoint(url)) {
    throw NetworkError(FailureKind::rejected, "the Meta setting " + std::string(key) + " names " + url +
                                                  ", which is not Meta's (https://…facebook.com): an admin must "
                                                  "correct it");
  }
  return url;
}

std::string MetaApp::web_url() const { return endpoint("web_url", kWeb); }

std::string MetaApp::app_id() const {
  auto id = host_.settings().get("app_id");
  if (id.empty()) throw NetworkError(FailureKind::rejected, kNoApp);
  return id;
}

std::string MetaApp::app_secret() const {
  auto secret = host_.settings().get("app_secret");
  if (secret.empty()) throw NetworkError(FailureKind::rejected, kNoApp);
  return secret;
}

GraphApi MetaApp::with_token(const std::string& token, bool signed_with_secret) const {
  return GraphApi(host_.http(), endpoint("graph_url", kGraph), token, signed_with_secret ? app_secret() : "", gate_,
                  host_.clock());
}

GraphApi MetaApp::as(const plugin::Connection& connection) const {
  return with_token(access_of(connection.credentials).page_token);
}

plugin::AuthorizationRequest MetaApp::begin(const std::string& redirect_uri) const {
  const auto id = app_id();
  app_secret();  // both, or the sign-in could not finish
  const auto verifier = net::make_code_verifier();
  plugin::AuthorizationRequest authorization;
  authorization.redirect_uri = redirect_uri;
  authorization.state = net::random_token();
  authorization.pending = verifier;
  authorization.authorize_url = web_url() + "/" + kGraphVersion +
                                "/dialog/oauth?response_type=code&client_id=" + net::form_encode(id) +
                                "&redirect_uri=" + net::form_encode(redirect_uri) +
                                "&scope=" + net::form_encode(kScopes) + "&state=" + authorization.state +
                                "&code_challenge=" + net::code_challenge_s256(verifier) + "&code_challenge_method=S256";
  return authorization;
}

std::string MetaApp::user_token(Params params, const std::string& what) const {
  params.emplace_back("client_id", app_id());
  params.emplace_back("client_secret", app_secret());
  // The token endpoint takes no token of its own, so nothing to sign.
  const auto answer = with_token("", false).get("/oauth/access_token", params, what);
  auto token = string_at(answer, "access_token");
  if (token.empty()) throw NetworkError(FailureKind::transient, "Meta's answer to " + what + " has no token");
  return token;
}

plugin::SignedIn MetaApp::complete(const plugin::AuthorizationRequest& request, const std::string& code) const {
  const auto short_lived =
      user_token({{"redirect_uri", request.redirect_uri}, {"code", code}, {"code_verifier", request.pending}},
                 "exchanging the authorization code");
  // The long-lived token lasts 60 days; the page tokens got with it do not expire.
  const auto long_lived = user_token({{"grant_type", "fb_exchange_token"}, {"fb_exchange_token", short_lived}},
                                     "exchanging for a long-lived token");
  const auto person = with_token(long_lived);
  const auto me = person.get("/me", {{"fields", "id,name"}}, "reading who signed in");
  const auto user_id = string_at(me, "id");
  if (user_id.empty()) throw NetworkError(FailureKind::transient, "Meta's answer names nobody who signed in");

  plugin::SignedIn signed_in;
  each_page(person, "/me/accounts",
            {{"fields",
              "id,name,username,access_token,followers_count,tasks,"
              "instagram_business_account{id,username,name,followers_count}"},
             {"limit", "100"}},
            kMaxAccountPages, "listing the pages the person manages", [&](const rapidjson::Value& item) {
              PageAccess access{user_id, string_at(item, "id"), string_at(item, "access_token"), ""};
              if (access.page_id.empty() || access.page_token.empty()) return true;
              if (!may_post(item)) {
                host_.log(plugin::LogLevel::information,
                          "page " + string_at(item, "name") + " not offered: the person may not create content on it");
                return true;
              }
              const auto* instagram = member(item, "instagram_business_account");
              if (instagram != nullptr) access.instagram_id = string_at(*instagram, "id");
              plugin::Profile page_profile;
              page_profile.network_account_id = access.page_id;
              page_profile.display_name = string_at(item, "name");
              const auto username = string_at(item, "username");
              page_profile.handle = username.empty() ? page_profile.display_name : "@" + username;
              page_profile.followers = count_at(item, "followers_count").value_or(0);
              signed_in.accounts.push_back(
                  {page_profile, plugin::Connection{"", access.page_id, to_credentials(access)}, "page", kFacebook});
              if (!access.instagram_id.empty()) {
                plugin::Profile ig;
                ig.network_account_id = access.instagram_id;
                ig.handle = "@" + string_at(*instagram, "username");
                ig.display_name = string_at(*instagram, "name");
                if (ig.display_name.empty()) ig.display_name = ig.handle;
                ig.followers = count_at(*instagram, "followers_count").value_or(0);
                signed_in.accounts.push_back({ig, plugin::Connection{"", access.instagram_id, to_credentials(access)},
                                              "professional account", kInstagram});
              }
              return true;
            });
  host_.log(plugin::LogLevel::information,
            "a Facebook Login offers " + std::to_string(signed_in.accounts.size()) + " accounts");
  return signed_in;
}

void MetaApp::revoke(const plugin::Connection& connection) const {
  const auto access = access_of(connection.credentials);
  if (access.user_id.empty()) return;
  // As the app (id|secret): the person's own token may have lapsed by now.
  const auto app = with_token(app_id() + "|" + app_secret(), false);
  const auto response =
      app.answer("DELETE", "/" + access.user_id + "/permissions", {}, "withdrawing Kanal's permissions", false);
  const auto error = graph_error_of(response.body);
  if (response.status >= 400 && error.code == 190) return;  // withdrawn already
  app.read(response, "withdrawing Kanal's permissions", false);
}

}  // namespace kanal::meta
