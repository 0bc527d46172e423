#pragma once
// The test suite's Meta (tests/support/meta-network.sh): a stateful fake of
// the Graph API on 127.0.0.1 serving Facebook Pages and Instagram professional
// accounts, which checks every request against Meta's own spec files
// (tests/specs/facebook). One URL is both the Graph API and the login dialog
// (www.facebook.com's /vNN/dialog/oauth). What people on Facebook and
// Instagram do outside Kanal — comment, post on a page, mention it — and the
// faults a test sets go through the fake's own control API (see the top of
// fake-meta/fake_meta.js).

#include <rapidjson/document.h>

#include <filesystem>
#include <string>

namespace kanal::test {

class MetaNetwork {
 public:
  // Reads the URL the fixture wrote into `dir` and starts the fake afresh.
  explicit MetaNetwork(const std::filesystem::path& dir);

  // The Graph API (with its /vNN.N/ prefix added by the caller), the login
  // dialog and the fake's control API, all on one URL.
  const std::string& graph_url() const { return graph_url_; }

  // The workspace's Meta app as the fake knows it.
  static constexpr const char* kAppId = "kanal-test-app";
  static constexpr const char* kAppSecret = "kanal-test-app-secret";

  // The fake starts with Kari Nordmann (signed in), who manages "Kanal Test
  // Agency" (52,000 followers; Instagram kanaltestagency, 8,300 followers) and
  // "Kanal Regional Office" (1,200 followers, no Instagram); and the visitors
  // Anna Andersson and Lars Berg.
  std::string user_id(const std::string& name) const;
  std::string page_id(const std::string& name) const;
  // The Instagram professional account linked to the page `page_name`.
  std::string instagram_id(const std::string& page_name) const;
  // A new user; answers its id.
  std::string create_user(const std::string& name) const;
  // A new page managed by `manager` (a user's name or id), with an Instagram
  // account of that username when one is given; answers the page's id.
  std::string create_page(const std::string& name, int followers, const std::string& manager,
                          const std::string& instagram_username = {}, int ig_followers = 0) const;
  // The user the login dialog consents as.
  void sign_in_as(const std::string& user) const;
  // A comment by `author` (a user's or page's name or id) on a post, photo or
  // comment (a reply); answers its id.
  std::string comment(const std::string& author, const std::string& on_id, const std::string& message) const;
  // An Instagram comment by `username` on a media, or a reply to `parent`; answers its id.
  std::string instagram_comment(const std::string& username, const std::string& media_id, const std::string& message,
                                const std::string& parent = {}) const;
  // A post by `author` (a user) on the page's timeline; answers its id.
  std::string visitor_post(const std::string& author, const std::string& page, const std::string& message) const;
  // A mention: `target` a page (name or id) → a Facebook post by the user
  // `author` in the page's /tagged; an Instagram account (id or username) → a
  // media by the Instagram user `author` in its /tags. Answers the id.
  std::string tag(const std::string& author, const std::string& target, const std::string& message) const;
  // Figures of a post, photo or Instagram media, e.g. {"reactions":42,"shares":7,
  // "impressions":1500} or {"likes":31,"reach":900} (see fake_meta.js).
  void set_post_metrics(const std::string& id, const std::string& metrics_json) const;
  // Settings (JSON object), e.g. {"require_appsecret_proof":false,"container_ready_ms":50}.
  void set_config(const std::string& config_json) const;
  // A fault for the next `count` (-1: until cleared) requests to METHOD PATH,
  // the path after the version ("/123/feed", "/*/comments", "/123*").
  void fault(const std::string& kind, const std::string& method = {}, const std::string& path = {}, int count = 1,
             int seconds = 0, int code = 0) const;
  void clear_faults() const;
  // The fake's state: users, pages, instagram, posts, photos, containers,
  // media, comments, ig_comments (hidden, deleted), blocked, tokens, grants.
  rapidjson::Document state() const;
  // How many Graph requests METHOD PATH the fake received (the path after the
  // version, e.g. "/me/accounts"; it may end in '*').
  int requests(const std::string& method, const std::string& path) const;
  // What the person's browser does on Facebook's login dialog: the address
  // it is sent back to (with code and state, and Facebook's "#_=_").
  std::string consent(const std::string& authorize_url) const;
  // A long-lived user token for `user` (name or id) with every permission
  // Kanal asks for, without the browser.
  std::string token(const std::string& user) const;

 private:
  rapidjson::Document control(const std::string& method, const std::string& path, const std::string& body) const;

  std::string graph_url_;
};

}  // namespace kanal::test
