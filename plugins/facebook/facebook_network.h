#pragma once
// Facebook Pages: sign-in with the workspace's Meta app (meta_app.h), which
// offers the person's pages and their Instagram accounts; posts with a link
// or photos with alt text, published exactly once although Graph takes no
// idempotency key (after an unknown outcome the page's posts are searched
// before anything is resent); comments, replies, visitors' posts and
// mentions; hiding and unhiding comments — the one network where Kanal's
// moderation hides a comment from everyone but its author and their friends;
// figures.
//
// The operations are sequences of Graph calls: they run on the plugin's own
// worker threads and return Futures at once.

#include <string>
#include <vector>

#include "core/executor.h"
#include "exactly_once.h"
#include "graph_api.h"
#include "graph_objects.h"
#include "kanal/plugin/network.h"
#include "meta_app.h"

namespace kanal::facebook {

using meta::GraphApi;
using meta::Params;

class FacebookNetwork final : public plugin::Network {
 public:
  explicit FacebookNetwork(plugin::Host& host);

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
  // facebook_publish.cpp
  std::optional<std::string> find_post(const GraphApi& page, const std::string& page_id, const std::string& text,
                                       Timestamp sent_at) const;
  std::optional<std::string> find_comment(const GraphApi& page, const std::string& page_id,
                                          const std::string& object_id, const std::string& text,
                                          Timestamp sent_at) const;
  std::string post_url(const std::string& id) const;

  plugin::Host& host_;
  meta::MetaApp app_;
  meta::ExactlyOnce once_;
  Executor executor_{4};  // last: its threads stop before the rest goes
};

}  // namespace kanal::facebook
