#pragma once
// Connecting an account with OAuth 2.0 (authorization code + PKCE) and a
// loopback redirect (RFC 8252): kanald listens on 127.0.0.1 at a free port,
// the desktop app opens the authorize URL in the browser, the network sends
// the browser back to kanald with a code, and kanald finishes the exchange,
// checks the account, and stores its credentials sealed.

#include <Poco/Logger.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/domain.h"
#include "networks/plugin_registry.h"
#include "store/database.h"
#include "store/secret_box.h"

namespace Poco::Net {
class HTTPServer;
}

namespace kanal::networks {

struct ConnectStart {
  std::string connect_id;
  std::string authorize_url;
};

enum class ConnectState { waiting, connected, failed };

struct ConnectStatus {
  ConnectState state = ConnectState::waiting;
  std::optional<Account> account;
  std::string error;
};

class AccountConnector {
 public:
  // `on_connected` runs after an account is (re)connected, e.g. to wake the
  // publisher for posts that waited for it.
  AccountConnector(PluginRegistry& plugins, store::Database& db, const store::SecretBox& secrets, const Clock& clock,
                   Poco::Logger& logger, std::function<void()> on_connected = {});
  ~AccountConnector();

  // Registers with the network and returns the URL to open in the browser.
  // Throws kanal::Error (unknown network, network unreachable...).
  ConnectStart start(const std::string& network, const std::string& instance_url);
  // Throws kanal::Error(not_found) for an unknown id.
  ConnectStatus status(const std::string& connect_id);
  // The person gave up: a browser coming back later is told so, and nothing
  // is connected. Throws kanal::Error(not_found) for an unknown id.
  void cancel(const std::string& connect_id);

  // Called by the redirect listener: finishes the flow. Returns the page text.
  std::string complete(const std::string& state, const std::string& code, const std::string& error);

 private:
  struct Pending;
  std::string redirect_uri();

  PluginRegistry& plugins_;
  store::Database& db_;
  const store::SecretBox& secrets_;
  const Clock& clock_;
  Poco::Logger& logger_;
  std::function<void()> on_connected_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Pending>> by_state_;
  std::map<std::string, std::shared_ptr<Pending>> by_id_;
  std::unique_ptr<Poco::Net::HTTPServer> listener_;
  std::uint16_t port_ = 0;
};

}  // namespace kanal::networks
