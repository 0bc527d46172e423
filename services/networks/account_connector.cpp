#include "networks/account_connector.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include "core/error.h"
#include "core/json.h"
#include "net/oauth_pkce.h"
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
};

namespace {

// The server's text limits, where the network lets each server set its own
// (Mastodon); the network's defaults stay when the server does not say.
// The account keeps them, so every counter (kanald's and the app's) reads
// one place: what the plugin says of its network, then the server's own.
void read_text_limits(plugin::Network& plugin, Account& account) {
  auto limits = plugin.description().text;
  if (plugin.description().needs_instance_url) {
    try {
      limits = plugin.describe(account.instance_url).get().text;
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
  if (listener_) listener_->stopAll(true);
}

std::string AccountConnector::redirect_uri() {
  if (!listener_) {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port_ = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(2);
    listener_ = std::make_unique<Poco::Net::HTTPServer>(new CallbackFactory(*this), socket, params);
    listener_->start();
  }
  return "http://127.0.0.1:" + std::to_string(port_) + "/callback";
}

ConnectStart AccountConnector::start(const std::string& network, const std::string& instance_url) {
  auto* plugin = plugins_.find(network);
  if (plugin == nullptr) throw Error(ErrorCode::invalid_input, "no network '" + network + "' is available", "network");
  if (plugin->description().needs_instance_url) {
    Poco::URI uri;
    try {
      uri = Poco::URI(instance_url);
    } catch (const Poco::Exception&) {
      throw Error(ErrorCode::invalid_input, "'" + instance_url + "' is not a server address", "instance_url");
    }
    if ((uri.getScheme() != "https" && uri.getScheme() != "http") || uri.getHost().empty()) {
      throw Error(ErrorCode::invalid_input, "the server address must start with https://", "instance_url");
    }
  }
  std::string redirect;
  {
    std::lock_guard lock(mutex_);
    redirect = redirect_uri();
  }
  plugin::AuthorizationRequest authorization;
  try {
    authorization = plugin->begin_authorization(instance_url, redirect).get();
  } catch (const plugin::NetworkError& e) {
    throw Error(ErrorCode::unavailable, "the network could not start the connection: " + e.reason());
  }
  auto pending = std::make_shared<Pending>();
  pending->id = net::random_token(12);
  pending->network = network;
  pending->instance_url = instance_url;
  pending->authorization = authorization;
  std::lock_guard lock(mutex_);
  by_state_[authorization.state] = pending;
  by_id_[pending->id] = pending;
  return ConnectStart{pending->id, authorization.authorize_url};
}

ConnectStatus AccountConnector::status(const std::string& connect_id) {
  std::lock_guard lock(mutex_);
  auto it = by_id_.find(connect_id);
  if (it == by_id_.end()) throw Error(ErrorCode::not_found, "no connection attempt " + connect_id);
  return it->second->status;
}

void AccountConnector::cancel(const std::string& connect_id) {
  std::lock_guard lock(mutex_);
  auto it = by_id_.find(connect_id);
  if (it == by_id_.end()) throw Error(ErrorCode::not_found, "no connection attempt " + connect_id);
  auto& pending = *it->second;
  if (pending.status.state != ConnectState::waiting) return;  // finished already: nothing to undo here
  by_state_.erase(pending.authorization.state);
  pending.status = ConnectStatus{ConnectState::failed, std::nullopt, "cancelled in Kanal"};
}

std::string AccountConnector::complete(const std::string& state, const std::string& code, const std::string& error) {
  std::shared_ptr<Pending> pending;
  {
    std::lock_guard lock(mutex_);
    auto it = by_state_.find(state);
    if (it == by_state_.end()) return "This sign-in link is not known to Kanal (it was used or cancelled).";
    pending = it->second;
    by_state_.erase(it);  // a state is good once
  }
  auto finish = [&](ConnectState result, std::optional<Account> account, const std::string& why) {
    std::lock_guard lock(mutex_);
    pending->status = ConnectStatus{result, std::move(account), why};
  };
  if (!error.empty() || code.empty()) {
    finish(ConnectState::failed, std::nullopt,
           "the network did not authorize Kanal: " + (error.empty() ? "no code" : error));
    return "Kanal was not authorized.";
  }
  try {
    auto* plugin = plugins_.find(pending->network);
    auto credentials = plugin->complete_authorization(pending->instance_url, pending->authorization, code).get();
    auto profile = plugin->verify(plugin::Connection{pending->instance_url, credentials}).get();
    Account account;
    account.network = pending->network;
    account.handle = profile.handle;
    account.display_name = profile.display_name;
    account.instance_url = pending->instance_url;
    account.network_account_id = profile.network_account_id;
    account.followers = profile.followers;
    read_text_limits(*plugin, account);
    const auto sealed = secrets_.seal(credentials_to_json(credentials));
    const auto at = clock_.now();
    auto stored = db_.transact([&](Poco::Data::Session& session) {
      auto connected = store::AccountRepository(session).connect(account, sealed, at);
      rapidjson::StringBuffer detail;
      json::JsonWriter writer(detail);
      writer.StartObject();
      json::write_string(writer, "network", connected.network);
      json::write_string(writer, "handle", connected.handle);
      writer.EndObject();
      store::AuditRepository(session).append(
          AuditEvent{0, at, std::nullopt, "account.connect", "account", connected.id.value, json::to_string(detail)});
      store::OutboxRepository(session).make_due_now(connected.id, at);
      return connected;
    });
    logger_.information("account %s connected on %s", stored.handle, pending->network);
    finish(ConnectState::connected, stored, "");
    if (on_connected_) on_connected_();
    return "Connected " + html_escape(stored.handle) + " to Kanal.";
  } catch (const plugin::NetworkError& e) {
    finish(ConnectState::failed, std::nullopt, e.reason());
  } catch (const Error& e) {
    finish(ConnectState::failed, std::nullopt, e.detail());
  }
  return "Kanal could not finish connecting the account.";
}

}  // namespace kanal::networks
