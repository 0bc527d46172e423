#pragma once
// Connecting accounts: a person signs in, the plugin lists the accounts the
// sign-in gives, the person picks (at once when there is one), and kanald
// stores each as a Kanal account with its credentials sealed.
//
// Two ways in, as the network's descriptor declares:
// - OAuth 2.0 (authorization code + PKCE) with a loopback redirect (RFC
//   8252). The redirect goes to the desktop's own listener when the client
//   names one (it hands code and state on with complete(); this works when
//   kanald runs elsewhere), or else to kanald's, on 127.0.0.1 at a free port.
// - A handle and an app password, which kanald hands to the plugin once and
//   never stores.

#include <Poco/Logger.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "networks/plugin_registry.h"
#include "store/database.h"
#include "store/secret_box.h"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace kanal::networks {

struct ConnectStart {
  std::string connect_id;
  std::string authorize_url;
};

enum class ConnectState { waiting, choosing, connected, failed };

struct ConnectStatus {
  ConnectState state = ConnectState::waiting;
  std::vector<Account> accounts;              // connected
  std::vector<plugin::AccountChoice> offers;  // while choosing (credentials never leave kanald)
  std::string error;
};

class AccountConnector {
 public:
  // `on_connected` runs after an account is (re)connected, e.g. to wake the
  // publisher for posts that waited for it.
  AccountConnector(PluginRegistry& plugins, store::Database& db, const store::SecretBox& secrets, const Clock& clock,
                   Poco::Logger& logger, std::function<void()> on_connected = {});
  ~AccountConnector();

  // Begins a browser sign-in and returns the URL to open. `redirect_uri`:
  // the desktop's own loopback listener, or empty for kanald's. Throws
  // kanal::Error (unknown network, network unreachable...).
  // Every attempt belongs to the person `by` who started it: to anyone else
  // it does not exist (not_found), and the trail names them as connecting.
  ConnectStart start(const std::string& network, const std::string& instance_url, UserId by,
                     const std::string& redirect_uri = {});
  // Signs in with a handle and an app password, at once. The attempt ends
  // connected (one account), choosing (several) or failed (the network's
  // words: a wrong password, a handle that does not resolve).
  ConnectStart sign_in(const std::string& network, const plugin::PasswordSignIn& request, UserId by);
  // The person picked which of the offered accounts to connect. Throws
  // kanal::Error(not_found / conflict / invalid_input).
  ConnectStatus choose(const std::string& connect_id, const std::vector<std::string>& network_account_ids, UserId by);
  // Throws kanal::Error(not_found) for an unknown id.
  ConnectStatus status(const std::string& connect_id, UserId by);
  // The person gave up: a browser coming back later is told so, and nothing
  // is connected. Throws kanal::Error(not_found) for an unknown id.
  void cancel(const std::string& connect_id, UserId by);

  // Forgets an account's credentials, after asking its network to revoke
  // them where it can (bounded; a network that does not answer does not keep
  // the account connected). Audited. Throws Error(not_found).
  void disconnect(AccountId account, std::optional<UserId> by);

  // The browser came back (to kanald's listener, or a desktop's, which
  // hands it on, naming its attempt): finishes the flow. Returns the page text.
  std::string complete(const std::string& state, const std::string& code, const std::string& error,
                       const std::string& connect_id = {});

 private:
  struct Pending;
  // Attempts older than their lifetime are over (call with mutex_ held).
  void forget_expired();
  std::string redirect_uri();
  // Another connected account's credentials come from the same grant.
  bool shares_grant(const Account& account, const std::string& grant);
  void signed_in(Pending& pending, plugin::SignedIn signed_in);
  void connect(Pending& pending, const std::vector<plugin::AccountChoice>& chosen);
  std::shared_ptr<Pending> find(const std::string& connect_id, UserId by);
  std::shared_ptr<Pending> find_locked(const std::string& connect_id, UserId by);  // mutex_ held

  PluginRegistry& plugins_;
  store::Database& db_;
  const store::SecretBox& secrets_;
  const Clock& clock_;
  Poco::Logger& logger_;
  std::function<void()> on_connected_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Pending>> by_state_;
  std::map<std::string, std::shared_ptr<Pending>> by_id_;
  std::unique_ptr<Poco::ThreadPool> listener_pool_;  // before listener_: it outlives it
  std::unique_ptr<Poco::Net::HTTPServer> listener_;
  std::uint16_t port_ = 0;
};

}  // namespace kanal::networks
