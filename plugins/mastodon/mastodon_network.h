#pragma once
// Mastodon (and servers speaking its client API, like kanal-sandbox).

#include "kanal/plugin/network.h"
#include "mastodon_responses.h"

namespace kanal::mastodon {

class MastodonNetwork final : public plugin::Network {
 public:
  explicit MastodonNetwork(plugin::Host& host);

  // What Mastodon is in general; describe() reads a server's own limits.
  static const NetworkDescriptor& static_descriptor();
  const NetworkDescriptor& descriptor() const override { return static_descriptor(); }
  Future<NetworkDescriptor> describe(const std::string& instance_url) override;
  Future<plugin::AuthorizationRequest> begin_authorization(const std::string& instance_url,
                                                           const std::string& redirect_uri) override;
  Future<plugin::SignedIn> complete_authorization(const std::string& instance_url,
                                                  const plugin::AuthorizationRequest& request,
                                                  const std::string& code) override;
  Future<plugin::Profile> verify(const plugin::Connection& connection) override;
  Future<Done> sign_out(const plugin::Connection& connection) override;
  Future<plugin::Credentials> refresh(const plugin::Connection& connection) override;
  Future<plugin::Published> publish(const plugin::Connection& connection,
                                    const plugin::Publication& publication) override;
  Future<Done> remove(const plugin::Connection& connection, const std::string& network_id) override;
  // mastodon_lookup.cpp
  Future<std::vector<plugin::Published>> find_published(const plugin::Connection& connection,
                                                        const plugin::Publication& publication,
                                                        const std::string& in_reply_to_id, Timestamp since) override;

  // mastodon_engagement.cpp
  Future<plugin::InteractionPage> fetch_interactions(const plugin::Connection& connection,
                                                     const std::string& cursor) override;
  Future<plugin::Thread> fetch_thread(const plugin::Connection& connection, const std::string& network_id) override;
  Future<plugin::Published> reply(const plugin::Connection& connection, const plugin::ReplyRequest& reply) override;
  Future<Done> moderate(const plugin::Connection& connection, const plugin::ModerationRequest& request) override;
  Future<plugin::AccountMetrics> account_metrics(const plugin::Connection& connection) override;
  Future<std::vector<plugin::PostMetrics>> post_metrics(const plugin::Connection& connection,
                                                        const std::vector<std::string>& network_ids) override;

  // Used by the publishing steps (mastodon_publish.cpp).
  net::HttpEngine& http() { return http_; }

 private:
  Future<Done> hide_reply(const plugin::Connection& connection, const plugin::ModerationRequest& request);

  net::HttpEngine& http_;
};

// The scopes Kanal asks for: reading and writing posts and notifications,
// muting, blocking and reporting ("write" covers those), nothing more.
inline constexpr const char* kScopes = "read write";

// A page of 40 statuses of the longest an instance allows, with room for abuse.
inline constexpr std::size_t kMaxPageBytes = 64u * 1024 * 1024;

// A request to `instance_url + path`, with the account's token if given.
net::HttpRequest make_request(const std::string& method, const std::string& instance_url, const std::string& path,
                              const std::string& token = {});

// Sends and checks: the response of a 2xx, or the typed error (a lost
// answer to a request that `changes_something` is an unknown outcome).
Future<net::HttpResponse> exchange(net::HttpEngine& http, net::HttpRequest request, const std::string& what,
                                   bool changes_something);

// A status to post, as publish() and reply() both make one.
struct NewStatus {
  std::string text;
  std::string visibility = "public";
  std::string language;
  std::string in_reply_to_id;
  std::vector<std::string> media_ids;
  std::string idempotency_key;
};
// POST /api/v1/statuses, never resent by libcurl (a lost answer must be
// resolved with the idempotency key, not by posting again).
net::HttpRequest status_request(const plugin::Connection& connection, const NewStatus& status);
// The status a 2xx answer to posting names; a body that cannot be read is an
// unknown outcome (the post most likely exists).
StatusRef posted_status(const std::string& body, const std::string& what);

// Steps of publish(): media upload, processing wait, statuses as a reply chain.
Future<plugin::Published> run_publication(net::HttpEngine& http, const plugin::Connection& connection,
                                          const plugin::Publication& publication);

}  // namespace kanal::mastodon
