#pragma once
// The workspace's Meta app, which the Facebook and Instagram plugins share:
// Facebook Login (OAuth 2.0 with PKCE, as a confidential client whose app
// id and secret an admin gives), the short-lived user token exchanged for a
// long-lived one, and from it the pages the person manages, each with its
// page token and its linked Instagram professional account. One login offers
// both networks' accounts; every one picked is its own Kanal account.

#include <string>
#include <vector>

#include "core/network_descriptor.h"
#include "graph_api.h"
#include "kanal/plugin/network.h"

namespace kanal::meta {

// What acting as a page, or as its Instagram account, takes: the plugins'
// credentials. A page token got through a long-lived user token does not
// expire while the person keeps the grant and their task on the page.
struct PageAccess {
  std::string user_id;  // who signed in: whose grant the token comes from
  std::string page_id;
  std::string page_token;
  std::string instagram_id;  // the page's Instagram professional account, if any
};
plugin::Credentials to_credentials(const PageAccess& access);
// Throws NetworkError(auth_expired) when the credentials hold no page token.
PageAccess access_of(const plugin::Credentials& credentials);

// The fewest permissions that do Kanal's work on pages and their Instagram
// accounts: list the pages, post, read and answer comments and visitors'
// posts, hide comments, read figures (README lists why each).
inline constexpr const char* kScopes =
    "pages_show_list,pages_read_engagement,pages_manage_posts,pages_manage_engagement,pages_read_user_content,"
    "read_insights,instagram_basic,instagram_content_publish,instagram_manage_comments,instagram_manage_insights";

// The network ids of the two plugins.
inline constexpr const char* kFacebook = "facebook";
inline constexpr const char* kInstagram = "instagram";

// The workspace settings both plugins read (Instagram reads Facebook's).
std::vector<NetworkSetting> app_settings();

class MetaApp {
 public:
  explicit MetaApp(plugin::Host& host);

  plugin::AuthorizationRequest begin(const std::string& redirect_uri) const;
  // Every page the person may post as, and each page's Instagram account.
  plugin::SignedIn complete(const plugin::AuthorizationRequest& request, const std::string& code) const;
  // The Graph API as the account's page.
  GraphApi as(const plugin::Connection& connection) const;
  // Ends the app's grant for the person who signed in (kanald asks only when
  // no other connected account uses it).
  void revoke(const plugin::Connection& connection) const;

  std::string web_url() const;
  Timestamp now() const { return host_.clock().now(); }

 private:
  std::string setting(const char* key, const char* fallback) const;
  // A setting that names where Kanal sends the app's secret or the pages'
  // tokens: only Meta's own addresses (or this machine's).
  std::string endpoint(const char* key, const char* fallback) const;
  std::string app_id() const;
  std::string app_secret() const;
  GraphApi with_token(const std::string& token, bool signed_with_secret = true) const;
  // GET /oauth/access_token with `params` plus the app's id and secret.
  std::string user_token(Params params, const std::string& what) const;

  plugin::Host& host_;
  mutable UsageGate gate_;
};

}  // namespace kanal::meta
