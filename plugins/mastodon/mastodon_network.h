#pragma once
// Mastodon (and servers speaking its client API, like kanal-sandbox).

#include "kanal/plugin/network.h"

namespace kanal::mastodon {

class MastodonNetwork final : public plugin::Network {
 public:
  explicit MastodonNetwork(plugin::Host& host);

  const plugin::NetworkDescription& description() const override { return description_; }
  Future<plugin::NetworkDescription> describe(const std::string& instance_url) override;
  Future<plugin::AuthorizationRequest> begin_authorization(const std::string& instance_url,
                                                           const std::string& redirect_uri) override;
  Future<plugin::Credentials> complete_authorization(const std::string& instance_url,
                                                     const plugin::AuthorizationRequest& request,
                                                     const std::string& code) override;
  Future<plugin::Profile> verify(const plugin::Connection& connection) override;
  Future<plugin::Published> publish(const plugin::Connection& connection,
                                    const plugin::Publication& publication) override;
  Future<Done> remove(const plugin::Connection& connection, const std::string& network_id) override;

  // Used by the publishing steps (mastodon_publish.cpp).
  net::HttpEngine& http() { return http_; }

 private:
  net::HttpEngine& http_;
  plugin::NetworkDescription description_;
};

// The scopes Kanal asks for: reading and writing posts, nothing more.
inline constexpr const char* kScopes = "read write";

// A request to `instance_url + path`, with the account's token if given.
net::HttpRequest make_request(const std::string& method, const std::string& instance_url, const std::string& path,
                              const std::string& token = {});

// Steps of publish(): media upload, processing wait, statuses as a reply chain.
Future<plugin::Published> run_publication(net::HttpEngine& http, const plugin::Connection& connection,
                                          const plugin::Publication& publication);

}  // namespace kanal::mastodon
