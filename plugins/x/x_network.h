#pragma once
// X: sign-in with OAuth 2.0 (authorization code with PKCE, as a
// confidential client whose id and secret the workspace's admin gives);
// posts, threads and images with alt text, published exactly once although
// X takes no idempotency key (after an unknown outcome the account's recent
// posts are searched before anything is resent); mentions and replies,
// conversations, hiding replies and muting; figures where the API tier
// gives them.
//
// The operations are sequences of API calls: they run on the plugin's own
// worker threads and return Futures at once.

#include <mutex>
#include <string>
#include <vector>

#include "core/executor.h"
#include "kanal/plugin/network.h"
#include "x_api.h"
#include "x_tokens.h"
#include "x_tweets.h"

namespace kanal::x {

class XNetwork final : public plugin::Network {
 public:
  explicit XNetwork(plugin::Host& host);

  static const NetworkDescriptor& static_descriptor();
  const NetworkDescriptor& descriptor() const override { return static_descriptor(); }
  Future<NetworkDescriptor> describe(const std::string& server_url) override;

  Future<plugin::AuthorizationRequest> begin_authorization(const std::string& server_url,
                                                           const std::string& redirect_uri) override;
  Future<plugin::SignedIn> complete_authorization(const std::string& server_url,
                                                  const plugin::AuthorizationRequest& request,
                                                  const std::string& code) override;
  Future<plugin::Profile> verify(const plugin::Connection& connection) override;
  Future<plugin::Credentials> refresh(const plugin::Connection& connection) override;
  Future<Done> sign_out(const plugin::Connection& connection) override;

  Future<plugin::Published> publish(const plugin::Connection& connection,
                                    const plugin::Publication& publication) override;
  Future<Done> remove(const plugin::Connection& connection, const std::string& network_id) override;

  Future<plugin::InteractionPage> fetch_interactions(const plugin::Connection& connection,
                                                     const std::string& cursor) override;
  Future<plugin::Thread> fetch_thread(const plugin::Connection& connection, const std::string& network_id) override;
  Future<plugin::Published> reply(const plugin::Connection& connection, const plugin::ReplyRequest& reply) override;
  Future<Done> moderate(const plugin::Connection& connection, const plugin::ModerationRequest& request) override;

  Future<plugin::AccountMetrics> account_metrics(const plugin::Connection& connection) override;
  Future<std::vector<plugin::PostMetrics>> post_metrics(const plugin::Connection& connection,
                                                        const std::vector<std::string>& network_ids) override;

 private:
  // The API as the account (its access token).
  XApi api(const plugin::Connection& connection) const;
  std::string setting(const char* key, const char* fallback) const;
  // A setting that names where Kanal sends the app's secret or the
  // accounts' tokens: only X's own addresses (or this machine's).
  std::string endpoint(const char* key, const char* fallback) const;
  // POST to X's OAuth token endpoints, as the workspace's client.
  net::HttpResponse oauth_post(const std::string& path, const std::string& form, const std::string& what) const;
  plugin::Profile profile(const XApi& api) const;

  // x_publish.cpp
  // Posts `parts` as a thread (the first answering `answering`, if set),
  // exactly once per `idempotency_key`.
  std::vector<std::string> post_parts(const XApi& api, const std::string& account_id,
                                      const std::vector<plugin::Part>& parts, const std::string& answering,
                                      const std::string& idempotency_key);
  // The id of the account's post with `comparable_text` answering
  // `previous_id`, made around `sent_at`; nullopt when there is none.
  std::optional<std::string> already_posted(const XApi& api, const std::string& account_id,
                                            const std::string& comparable_text, const std::string& previous_id,
                                            Timestamp sent_at) const;
  // The id in X's answer to posting; the error it is otherwise.
  std::string created_post_id(const net::HttpResponse& response, const XApi& api, const std::string& what,
                              bool resumed) const;
  std::string upload(const XApi& api, const plugin::Media& media) const;

  plugin::Host& host_;
  std::mutex state_mutex_;
  Executor executor_{4};  // last: its threads stop before the rest goes
};

}  // namespace kanal::x
