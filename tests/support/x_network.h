#pragma once
// The test suite's X (tests/support/x-network.sh): a stateful fake X on
// 127.0.0.1 behind Prism, which checks every request and answer against X's
// official OpenAPI description. What people on X do outside Kanal — post,
// reply, mention — and the faults a test sets go through the fake's own
// control API.

#include <rapidjson/document.h>

#include <filesystem>
#include <string>

namespace kanal::test {

class XNetwork {
 public:
  // Reads the URLs the fixture wrote into `dir` and starts the fake afresh.
  explicit XNetwork(const std::filesystem::path& dir);

  const std::string& api_url() const { return api_url_; }    // Prism, for /2 calls
  const std::string& fake_url() const { return fake_url_; }  // the fake: OAuth, control

  // The workspace's app as the fake knows it.
  static constexpr const char* kClientId = "kanal-test-client";
  static constexpr const char* kClientSecret = "kanal-test-secret";

  // The fake starts with one user, kanal_director (1,200 followers), whom
  // the browser sign-in consents as.
  std::string user_id(const std::string& username) const;
  // A new user; answers its id.
  std::string create_user(const std::string& username, const std::string& name, int followers = 0) const;
  // The user the browser sign-in consents as.
  void sign_in_as(const std::string& username) const;
  // A post by `author` (a username), maybe a reply; answers its id.
  std::string post(const std::string& author, const std::string& text, const std::string& in_reply_to = {}) const;
  // How many calls to "METHOD PATH" X allows per 15 minutes (benchmarks raise it).
  void set_rate_limit(const std::string& route, int per_window) const;
  void set_metrics(const std::string& tweet_id, const std::string& metrics_json) const;
  // A fault for the next `count` requests to METHOD PATH (see fake_x.js).
  void fault(const std::string& kind, const std::string& method = {}, const std::string& path = {}, int count = 1,
             int seconds = 0) const;
  void clear_faults() const;
  // The fake's state: users, tweets (hidden, deleted), media, mutes, tokens.
  rapidjson::Document state() const;
  // How many requests METHOD PATH the fake received (path may end in '*').
  int requests(const std::string& method, const std::string& path) const;
  // What the person's browser does on X's consent page: the address X
  // sends it back to (with code and state).
  std::string consent(const std::string& authorize_url) const;

 private:
  rapidjson::Document control(const std::string& method, const std::string& path, const std::string& body) const;

  std::string api_url_;
  std::string fake_url_;
};

}  // namespace kanal::test
