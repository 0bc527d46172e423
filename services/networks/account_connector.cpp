#include "networks/account_connector.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <algorithm>

#include "core/error.h"
#include "core/json.h"
#include "net/oauth_pkce.h"
#include "networks/connection.h"
#include "networks/credentials_json.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/outbox_repository.h"

namespace kanal::networks {

struct AccountConnector::Pending {
  std::string id;
  std::string network;
  std::string instance_url;
  plugin::AuthorizationRequest authorization;
  ConnectStatus status;
  Timestamp started;
  UserId started_by;  // the person connecting: only they see the attempt, and the trail names them
};

namespace {
// A sign-in is a few round trips; a network that never answers must not
// hold the request (and the person) forever.
constexpr std::chrono::seconds kSignInTimeout{60};
// A connection not finished by then is over: its sign-in link no longer
// works, and nothing of it is kept.
constexpr std::chrono::minutes kAttemptLifetime{15};
}  // namespace

namespace {

// The server's text limits, where the network lets each server set its own
// (Mastodon); the network's defaults stay when the server does not say.
// The account keeps them, so every counter (kanald's and the app's) reads
// one place: what the plugin says of its network, then the server's own.
void read_text_limits(plugin::Network& plugin, Account& account) {
  auto limits = plugin.descriptor().text;
  if (plugin.descriptor().asks_for_server) {
    try {
      limits = await(plugin.describe(account.instance_url), std::chrono::seconds(30)).text;
    } catch (const std::exception&) {
      // The network's defaults stay; publishing still works.
    }
  }
  account.max_characters = static_cast<std::int64_t>(limits.max_characters);
  account.characters_per_url = static_cast<std::int64_t>(limits.characters_per_url);
}

class CallbackHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit CallbackHandler(AccountConnector& connector) : connector_(connector) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    Poco::URI uri(request.getURI());
    std::string code, state, error;
    for (const auto& [name, value] : uri.getQueryParameters()) {
      if (name == "code") code = value;
      if (name == "state") state = value;
      if (name == "error") error = value;
    }
    const auto message =
        uri.getPath() == "/callback" ? connector_.complete(state, code, error) : std::string("Nothing here.");
    const auto page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Kanal</title></head><body><h1>" +
                      message + "</h1><p>You can close this tab and return to Kanal.</p></body></html>";
    response.setContentType("text/html; charset=utf-8");
    response.setContentLength64(static_cast<Poco::Int64>(page.size()));
    response.send() << page;
  }

 private:
  AccountConnector& connector_;
};

class CallbackFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit CallbackFactory(AccountConnector& connector) : connector_(connector) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new CallbackHandler(connector_);
  }

 private:
  AccountConnector& connector_;
};

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

void require_server_url(const std::string& url) {
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception&) {
    throw Error(ErrorCode::invalid_input, "'" + url + "' is not a server address", "instance_url");
  }
  // Credentials go to the server in the clear over http: only to one on
  // this machine (the training sandbox, a test server).
  const bool loopback = uri.getHost() == "127.0.0.1" || uri.getHost() == "::1" || uri.getHost() == "localhost";
  if ((uri.getScheme() != "https" && !(uri.getScheme() == "http" && loopback)) || uri.getHost().empty()) {
    throw Error(ErrorCode::invalid_input, "the server address must start with https://", "instance_url");
  }
}

std::string no_attempt(const std::string& connect_id) {
  return "no connection attempt " + connect_id + " (an attempt not finished within 15 minutes is over: start again)";
}

// A desktop's redirect listener must be on its own machine (RFC 8252 §7.3):
// anything else would hand the code to whoever runs that address.
void require_loopback_redirect(const std::string& url) {
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception&) {
    throw Error(ErrorCode::invalid_input, "'" + url + "' is not an address", "redirect_uri");
  }
  if (uri.getScheme() != "http" ||
      (uri.getHost() != "127.0.0.1" && uri.getHost() != "[::1]" && uri.getHost() != "::1")) {
    throw Error(ErrorCode::invalid_input, "the redirect must go to http://127.0.0.1 on the desktop", "redirect_uri");
  }
}

}  // namespace

AccountConnector::AccountConnector(PluginRegistry& plugins, store::Database& db, const store::SecretBox& secrets,
                                   const Clock& clock, Poco::Logger& logger, std::function<void()> on_connected)
    : plugins_(plugins),
      db_(db),
      secrets_(secrets),
      clock_(clock),
      logger_(logger),
      on_connected_(std::move(on_connected)) {}

AccountConnector::~AccountConnector() {
  if (!listener_) return;
  listener_->stopAll(true);
  listener_pool_->joinAll();  // no thread of it outlives the connector
}

std::string AccountConnector::redirect_uri() {
  if (!listener_) {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port_ = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(2);
    listener_pool_ = std::make_unique<Poco::ThreadPool>(1, 2);
    listener_ = std::make_unique<Poco::Net::HTTPServer>(new CallbackFactory(*this), *listener_pool_, socket, params);
    listener_->start();
  }
  return "http://127.0.0.1:" + std::to_string(port_) + "/callback";
}

ConnectStart AccountConnector::start(const std::string& network, const std::string& instance_url, UserId by,
                                     const std::string& redirect_uri_given) {
  auto* plugin = plugins_.find(network);
  if (plugin == nullptr) throw Error(ErrorCode::invalid_input, "no network '" + network + "' is available", "network");
  if (!plugin->descriptor().signs_in_with(SignInMethod::oauth)) {
    throw Error(ErrorCode::invalid_input, plugin->descriptor().display_name + " signs in with an app password",
                "method");
  }
  if (plugin->descriptor().asks_for_server) require_server_url(instance_url);
  if (!redirect_uri_given.empty()) require_loopback_redirect(redirect_uri_given);
  std::string redirect = redirect_uri_given;
  if (redirect.empty()) {
    std::lock_guard lock(mutex_);
    redirect = redirect_uri();
  }
  plugin::AuthorizationRequest authorization;
  try {
    authorization = await(plugin->begin_authorization(instance_url, redirect), kSignInTimeout);
  } catch (const plugin::NetworkError& e) {
    throw Error(ErrorCode::unavailable, "the network could not start the connection: " + e.reason());
  }
  auto pending = std::make_shared<Pending>();
  pending->id = net::random_token(12);
  pending->network = network;
  pending->instance_url = instance_url;
  pending->authorization = authorization;
  pending->started = clock_.now();
  pending->started_by = by;
  std::lock_guard lock(mutex_);
  forget_expired();
  by_state_[authorization.state] = pending;
  by_id_[pending->id] = pending;
  return ConnectStart{pending->id, authorization.authorize_url};
}

ConnectStart AccountConnector::sign_in(const std::string& network, const plugin::PasswordSignIn& request, UserId by) {
  auto* plugin = plugins_.find(network);
  if (plugin == nullptr) throw Error(ErrorCode::invalid_input, "no network '" + network + "' is available", "network");
  if (!plugin->descriptor().signs_in_with(SignInMethod::app_password)) {
    throw Error(ErrorCode::invalid_input, plugin->descriptor().display_name + " signs in through the browser",
                "method");
  }
  if (!request.server_url.empty()) require_server_url(request.server_url);
  auto pending = std::make_shared<Pending>();
  pending->id = net::random_token(12);
  pending->network = network;
  pending->instance_url = request.server_url;
  pending->started = clock_.now();
  pending->started_by = by;
  {
    std::lock_guard lock(mutex_);
    forget_expired();
    by_id_[pending->id] = pending;
  }
  try {
    signed_in(*pending, await(plugin->sign_in(request), kSignInTimeout));
  } catch (const plugin::NetworkError& e) {
    std::lock_guard lock(mutex_);
    pending->status = ConnectStatus{ConnectState::failed, {}, {}, e.reason()};
  }
  return ConnectStart{pending->id, ""};
}

void AccountConnector::forget_expired() {
  const auto now = clock_.now();
  std::erase_if(by_id_, [&](const auto& entry) { return now - entry.second->started > kAttemptLifetime; });
  std::erase_if(by_state_, [&](const auto& entry) { return now - entry.second->started > kAttemptLifetime; });
}

std::shared_ptr<AccountConnector::Pending> AccountConnector::find_locked(const std::string& connect_id, UserId by) {
  forget_expired();
  auto it = by_id_.find(connect_id);
  // Another person's attempt is as good as none: its offers and its choice are theirs.
  if (it == by_id_.end() || it->second->started_by != by) throw Error(ErrorCode::not_found, no_attempt(connect_id));
  return it->second;
}

std::shared_ptr<AccountConnector::Pending> AccountConnector::find(const std::string& connect_id, UserId by) {
  std::lock_guard lock(mutex_);
  return find_locked(connect_id, by);
}

ConnectStatus AccountConnector::choose(const std::string& connect_id, const std::vector<std::string>& ids, UserId by) {
  auto pending = find(connect_id, by);
  std::vector<plugin::AccountChoice> chosen;
  {
    std::lock_guard lock(mutex_);
    if (pending->status.state != ConnectState::choosing) {
      throw Error(ErrorCode::stale_version, "this connection attempt has no accounts to choose from (any more)");
    }
    for (const auto& id : ids) {
      const auto& offers = pending->status.offers;
      auto it = std::find_if(offers.begin(), offers.end(), [&](const plugin::AccountChoice& offer) {
        return offer.profile.network_account_id == id;
      });
      if (it == offers.end()) {
        throw Error(ErrorCode::invalid_input, "'" + id + "' is not one of the accounts offered", "network_account_ids");
      }
      chosen.push_back(*it);
    }
    pending->status.state = ConnectState::waiting;  // a second choice meanwhile is refused
  }
  connect(*pending, chosen);
  return status(connect_id, by);
}

ConnectStatus AccountConnector::status(const std::string& connect_id, UserId by) {
  std::lock_guard lock(mutex_);
  return find_locked(connect_id, by)->status;
}

void AccountConnector::cancel(const std::string& connect_id, UserId by) {
  std::lock_guard lock(mutex_);
  auto& pending = *find_locked(connect_id, by);
  if (pending.status.state == ConnectState::connected || pending.status.state == ConnectState::failed) {
    return;  // finished already: nothing to undo here
  }
  by_state_.erase(pending.authorization.state);
  pending.status = ConnectStatus{ConnectState::failed, {}, {}, "cancelled in Kanal"};
}

std::string AccountConnector::complete(const std::string& state, const std::string& code, const std::string& error,
                                       const std::string& connect_id) {
  std::shared_ptr<Pending> pending;
  {
    std::lock_guard lock(mutex_);
    forget_expired();
    auto it = by_state_.find(state);
    if (it == by_state_.end() || (!connect_id.empty() && it->second->id != connect_id)) {
      return "This sign-in link is not known to Kanal (it was used, cancelled, or is older than 15 minutes).";
    }
    pending = it->second;
    by_state_.erase(it);  // a state is good once
  }
  if (!error.empty() || code.empty()) {
    std::lock_guard lock(mutex_);
    pending->status = ConnectStatus{
        ConnectState::failed, {}, {}, "the network did not authorize Kanal: " + (error.empty() ? "no code" : error)};
    return "Kanal was not authorized.";
  }
  try {
    auto* plugin = plugins_.find(pending->network);
    signed_in(*pending, await(plugin->complete_authorization(pending->instance_url, pending->authorization, code),
                              kSignInTimeout));
  } catch (const plugin::NetworkError& e) {
    std::lock_guard lock(mutex_);
    pending->status = ConnectStatus{ConnectState::failed, {}, {}, e.reason()};
  }
  std::lock_guard lock(mutex_);
  switch (pending->status.state) {
    case ConnectState::connected:
      return "Connected " + html_escape(pending->status.accounts.front().handle) + " to Kanal.";
    case ConnectState::choosing: return "Signed in. Choose the accounts to connect in Kanal.";
    default: return "Kanal could not finish connecting the account.";
  }
}

void AccountConnector::disconnect(AccountId id, std::optional<UserId> by) {
  auto [account, connection] = db_.read([&](Poco::Data::Session& session) {
    auto found = store::AccountRepository(session).find(id);
    if (!found) throw Error(ErrorCode::not_found, "no account " + std::to_string(id.value));
    std::optional<plugin::Connection> opened;
    try {
      opened = open_connection(session, secrets_, *found);
    } catch (const Error&) {
      // Not connected, or sealed with another key: nothing to revoke.
    }
    return std::pair{*found, opened};
  });
  if (connection && shares_grant(account, connection->credentials.grant)) {
    // Revoking would end the others' access too: the credentials alone go.
    logger_.information("%s's access comes from a sign-in other connected accounts still use: not revoked",
                        account.handle);
    connection.reset();
  }
  if (auto* plugin = plugins_.find(account.network); plugin != nullptr && connection) {
    try {
      await(plugin->sign_out(*connection), std::chrono::seconds(10));
    } catch (const std::exception& e) {
      logger_.warning("%s could not revoke Kanal's access to %s (%s): the credentials are forgotten all the same",
                      plugin->descriptor().display_name, account.handle, std::string(e.what()));
    }
  }
  const auto at = clock_.now();
  db_.transact([&](Poco::Data::Session& session) {
    store::AccountRepository(session).disconnect(id);
    store::AuditRepository(session).append(AuditEvent{0, at, by, "account.disconnect", "account", id.value, "{}"});
  });
}

bool AccountConnector::shares_grant(const Account& account, const std::string& grant) {
  if (grant.empty()) return false;
  return db_.read([&](Poco::Data::Session& session) {
    for (const auto& other : store::AccountRepository(session).list()) {
      if (other.id == account.id || other.health == AccountHealth::disconnected) continue;
      try {
        if (open_connection(session, secrets_, other).credentials.grant == grant) return true;
      } catch (const std::exception&) {
        // not connected or not readable: it uses no grant
      }
    }
    return false;
  });
}

void AccountConnector::signed_in(Pending& pending, plugin::SignedIn signed_in) {
  // Each offer names its network; one on a network whose plugin is not
  // installed here cannot be connected, so it is not offered.
  std::erase_if(signed_in.accounts, [&](plugin::AccountChoice& choice) {
    if (choice.network.empty()) choice.network = pending.network;
    if (plugins_.find(choice.network) != nullptr) return false;
    logger_.warning("%s offered %s on %s, whose plugin is not installed: not offered", pending.network,
                    choice.profile.handle, choice.network);
    return true;
  });
  if (signed_in.accounts.empty()) {
    std::lock_guard lock(mutex_);
    pending.status = ConnectStatus{ConnectState::failed, {}, {}, "the sign-in gave no account Kanal can post as"};
    return;
  }
  if (signed_in.accounts.size() == 1) {
    connect(pending, signed_in.accounts);
    return;
  }
  std::lock_guard lock(mutex_);
  pending.status = ConnectStatus{ConnectState::choosing, {}, std::move(signed_in.accounts), ""};
}

void AccountConnector::connect(Pending& pending, const std::vector<plugin::AccountChoice>& chosen) {
  std::vector<Account> connected;
  try {
    for (const auto& choice : chosen) {
      auto* plugin = plugins_.find(choice.network);
      if (plugin == nullptr) throw Error(ErrorCode::not_found, "no network '" + choice.network + "' is loaded");
      Account account;
      account.network = choice.network;
      account.handle = choice.profile.handle;
      account.display_name = choice.profile.display_name;
      account.instance_url = choice.connection.server_url;
      account.network_account_id = choice.profile.network_account_id;
      account.followers = choice.profile.followers;
      read_text_limits(*plugin, account);
      const auto sealed = secrets_.seal(credentials_to_json(choice.connection.credentials));
      const auto at = clock_.now();
      connected.push_back(db_.transact([&](Poco::Data::Session& session) {
        auto stored = store::AccountRepository(session).connect(account, sealed, at);
        rapidjson::StringBuffer detail;
        json::JsonWriter writer(detail);
        writer.StartObject();
        json::write_string(writer, "network", stored.network);
        json::write_string(writer, "handle", stored.handle);
        writer.EndObject();
        store::AuditRepository(session).append(AuditEvent{0, at, pending.started_by, "account.connect", "account",
                                                          stored.id.value, json::to_string(detail)});
        store::OutboxRepository(session).make_due_now(stored.id, at);
        return stored;
      }));
      logger_.information("account %s connected on %s", connected.back().handle, choice.network);
    }
  } catch (const Error& e) {
    std::lock_guard lock(mutex_);
    pending.status = ConnectStatus{ConnectState::failed, std::move(connected), {}, e.detail()};
    return;
  }
  {
    std::lock_guard lock(mutex_);
    pending.status = ConnectStatus{ConnectState::connected, std::move(connected), {}, ""};
  }
  if (on_connected_) on_connected_();
}

}  // namespace kanal::networks
