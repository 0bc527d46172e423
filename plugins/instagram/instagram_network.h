#pragma once
// Instagram professional accounts, each linked to a Facebook page: sign-in
// with the workspace's Meta app (meta_app.h, the same Facebook Login that
// offers the pages); a photo or a carousel with caption and alt text through
// Instagram's container flow, exactly once (after an unknown outcome the
// account's media are searched before anything is resent), within the
// account's publishing limit; comments and answers, hiding and unhiding a
// comment, mentions; figures.
//
// Instagram fetches each image from a URL. kanald on a desktop has no
// public address, so the image goes first to the linked page as an
// unpublished photo (seen by nobody), whose address on Meta's servers
// Instagram then reads; once the post is made the photo is deleted.

#include <string>
#include <vector>

#include "core/executor.h"
#include "exactly_once.h"
#include "graph_api.h"
#include "graph_objects.h"
#include "kanal/plugin/network.h"
#include "meta_app.h"

namespace kanal::instagram {

using meta::GraphApi;
using meta::Params;

class InstagramNetwork final : public plugin::Network {
 public:
  explicit InstagramNetwork(plugin::Host& host);

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
  // instagram_publish.cpp
  // Stops with rate_limited while the account's publishing limit is reached.
  void check_publishing_limit(const GraphApi& api, const std::string& instagram_id) const;
  // A container for one image (as a carousel's item, or with the caption),
  // the image hosted on the linked page first; its photo id goes to `hosted`.
  std::string container(const GraphApi& api, const meta::PageAccess& access, const plugin::Media& media,
                        const std::string& caption, bool carousel_item, std::vector<std::string>& hosted) const;
  // Waits until Instagram has processed the container, bounded: transient
  // when it is not done yet (the next attempt waits on), rejected when it failed.
  void wait_until_ready(const GraphApi& api, const std::string& container_id) const;
  std::optional<std::string> find_media(const GraphApi& api, const std::string& instagram_id, const std::string& text,
                                        Timestamp sent_at) const;
  std::optional<std::string> find_reply(const GraphApi& api, const std::string& instagram_id,
                                        const std::string& comment_id, const std::string& text) const;
  std::string instagram_id(const plugin::Connection& connection) const;

  plugin::Host& host_;
  meta::MetaApp app_;
  meta::ExactlyOnce once_;
  Executor executor_{4};  // last: its threads stop before the rest goes
};

}  // namespace kanal::instagram
