#pragma once
// The test suite's Bluesky network (tests/support/bluesky-network.sh, a real
// PLC, PDS and AppView on 127.0.0.1): where it is, and what people on it do
// outside Kanal — make accounts and app passwords, reply, like, read the
// AppView — through plain XRPC.

#include <rapidjson/document.h>

#include <filesystem>
#include <string>

namespace kanal::test {

struct BlueskyPerson {
  std::string handle;  // e.g. k3f9a2.test
  std::string did;
  std::string password;      // the account's own
  std::string app_password;  // made for Kanal
  std::string access_jwt;
};

class BlueskyNetwork {
 public:
  // Reads the URLs the fixture wrote into `dir`.
  explicit BlueskyNetwork(const std::filesystem::path& dir);

  const std::string& pds_url() const { return pds_url_; }
  const std::string& appview_url() const { return appview_url_; }
  const std::string& plc_url() const { return plc_url_; }

  // A new account with a handle of its own ("<prefix><random>.test") and an app password.
  BlueskyPerson create_person(const std::string& prefix) const;

  // XRPC on the PDS as `person` (empty token: unauthenticated); throws on a non-2xx answer.
  rapidjson::Document query(const BlueskyPerson& person, const std::string& nsid, const std::string& params) const;
  rapidjson::Document procedure(const BlueskyPerson& person, const std::string& nsid, const std::string& body) const;

  // A post by `person`, optionally a reply (root and parent as "uri|cid"); answers {uri, cid}.
  rapidjson::Document post(const BlueskyPerson& person, const std::string& text, const std::string& reply_to_uri = {},
                           const std::string& reply_to_cid = {}, const std::string& root_uri = {},
                           const std::string& root_cid = {}) const;
  void like(const BlueskyPerson& person, const std::string& uri, const std::string& cid) const;

 private:
  std::string pds_url_;
  std::string appview_url_;
  std::string plc_url_;
};

}  // namespace kanal::test
