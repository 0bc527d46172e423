#pragma once
// Bluesky (and any AT Protocol service): sign-in with a handle and an app
// password on the account's PDS, found from the handle; posts with facets,
// images and threads written under record keys chosen before sending, so a
// resend is never a second post; replies, mentions and quotes from the
// notifications; hiding replies with the thread's threadgate; figures.
//
// The operations are sequences of XRPC calls: they run on the plugin's own
// worker threads and return Futures at once.

#include <rapidjson/document.h>

#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "bluesky_records.h"
#include "bluesky_session.h"
#include "bluesky_xrpc.h"
#include "core/executor.h"
#include "kanal/plugin/network.h"

namespace kanal::bluesky {

class BlueskyNetwork final : public plugin::Network {
 public:
  explicit BlueskyNetwork(plugin::Host& host);

  static const NetworkDescriptor& static_descriptor();
  const NetworkDescriptor& descriptor() const override { return static_descriptor(); }
  Future<NetworkDescriptor> describe(const std::string& server_url) override;

  Future<plugin::SignedIn> sign_in(const plugin::PasswordSignIn& request) override;
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
  // A connection opened: its session and a client for its PDS.
  struct Account {
    Session session;
    Xrpc pds;
  };
  Account open(const plugin::Connection& connection) const;

  // bluesky_identity.cpp: from a handle to its DID and PDS.
  std::string resolve_handle(const std::string& handle) const;
  std::string pds_of(const std::string& did) const;

  // bluesky_publish.cpp
  std::vector<StrongRef> write_posts(const Account& account, const std::vector<plugin::Part>& parts,
                                     const std::string& language, const std::string& idempotency_key,
                                     const std::optional<ReplyRefs>& answering);
  StrongRef put_new_record(const Account& account, const std::string& collection, const std::string& rkey,
                           const std::string& record_json, const std::string& what) const;
  std::vector<Facet> facets_of(const Account& account, const plugin::Part& part) const;
  // The record keys and times of a publication's parts: chosen on the first
  // attempt and kept in the host's store, so every resend writes the same records.
  std::vector<std::pair<std::string, std::string>> record_keys(const std::string& idempotency_key, std::size_t parts);
  // A post's strong reference and the root of the thread it is in.
  ReplyRefs reply_refs(const Account& account, const std::string& uri) const;
  Done set_hidden(const Account& account, const std::string& reply_uri, bool hidden) const;

  std::string setting(const char* key, const std::string& fallback) const;
  std::string web_url() const;

  plugin::Host& host_;
  std::mutex keys_mutex_;
  std::mt19937 random_{std::random_device{}()};
  Executor executor_{4};  // last: its threads stop before the rest goes
};

}  // namespace kanal::bluesky
