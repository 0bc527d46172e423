#include "api/server/networks_endpoints.h"

#include <algorithm>

#include "api/wire/publishing.h"
#include "core/error.h"
#include "core/json.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"

namespace kanal::api {
namespace {

const char* state_name(networks::ConnectState state) {
  switch (state) {
    case networks::ConnectState::waiting: return "waiting";
    case networks::ConnectState::choosing: return "choosing";
    case networks::ConnectState::connected: return "connected";
    case networks::ConnectState::failed: return "failed";
  }
  return "failed";
}

wire::ConnectProgress progress_of(const networks::ConnectStatus& status) {
  wire::ConnectProgress progress;
  progress.state = state_name(status.state);
  progress.accounts = status.accounts;
  if (!status.accounts.empty()) progress.account = status.accounts.front();
  for (const auto& offer : status.offers) {
    progress.offers.push_back(wire::AccountOffer{offer.profile.network_account_id, offer.profile.handle,
                                                 offer.profile.display_name, offer.kind, offer.network});
  }
  progress.error = status.error;
  return progress;
}

const NetworkDescriptor& descriptor_of(networks::PluginRegistry& plugins, const std::string& id) {
  const auto* plugin = plugins.find(id);
  if (plugin == nullptr) throw Error(ErrorCode::not_found, "no network '" + id + "' is loaded");
  return plugin->descriptor();
}

// The network whose settings `id` reads: itself, or the one it shares them
// with (Instagram reads Facebook's Meta app).
const NetworkDescriptor& settings_owner(networks::PluginRegistry& plugins, const std::string& id) {
  const auto& network = descriptor_of(plugins, id);
  return network.settings_of.empty() ? network : descriptor_of(plugins, network.settings_of);
}

std::vector<wire::NetworkSettingValue> settings_of(networks::PluginRegistry& plugins, const std::string& id) {
  const auto& network = settings_owner(plugins, id);
  const auto values = plugins.workspace().settings(network);
  std::vector<wire::NetworkSettingValue> settings;
  for (const auto& declared : network.settings) {
    const auto value = values.get(declared.key);
    settings.push_back({declared.key, declared.label, declared.secret, value, !value.empty()});
  }
  return settings;
}

}  // namespace

void add_networks_endpoints(Router& router, networks::PluginRegistry& plugins, networks::AccountConnector& connector,
                            store::Database& db, const Clock& clock) {
  // A network's workspace settings (a server, a client id and secret): admins only.
  router.add("GET", "/api/v1/networks/{id}/settings", Permission::admin, [&plugins](const Request& request) {
    return Response::json(200, wire::to_json(settings_of(plugins, request.path_params.at("id"))));
  });
  router.add("PUT", "/api/v1/networks/{id}/settings", Permission::admin,
             [&plugins, &db, &clock](const Request& request) {
               const auto& network = settings_owner(plugins, request.path_params.at("id"));
               const auto& id = network.id;
               const auto changes = wire::parse_network_settings_update(request.body);
               for (const auto& [key, value] : changes) {
                 if (std::none_of(network.settings.begin(), network.settings.end(),
                                  [&](const NetworkSetting& s) { return s.key == key; })) {
                   throw Error(ErrorCode::invalid_input, network.display_name + " has no setting '" + key + "'",
                               "values." + key);
                 }
               }
               for (const auto& [key, value] : changes) plugins.workspace().set_setting(network, key, value);
               // Which settings changed, never their values (a client secret stays in kanald).
               const auto detail = json::written([&](json::JsonWriter& w) {
                 w.StartObject();
                 json::write_string(w, "network", id);
                 w.Key("keys");
                 w.StartArray();
                 for (const auto& change : changes) w.String(change.first.c_str());
                 w.EndArray();
                 w.EndObject();
               });
               db.transact([&](Poco::Data::Session& session) {
                 store::AuditRepository(session).append(
                     AuditEvent{0, clock.now(), request.user, "network.settings", "network", 0, detail});
               });
               return Response::json(200, wire::to_json(settings_of(plugins, id)));
             });

  router.add("GET", "/api/v1/networks", Permission::read, [&plugins](const Request&) {
    std::vector<NetworkDescriptor> networks;
    for (const auto* descriptor : plugins.descriptors()) networks.push_back(*descriptor);
    return Response::json(200, wire::to_json(networks));
  });

  router.add("GET", "/api/v1/accounts", Permission::read, [&db](const Request&) {
    auto accounts = db.read([](Poco::Data::Session& session) { return store::AccountRepository(session).list(); });
    return Response::json(200, wire::to_json(accounts));
  });

  router.add("POST", "/api/v1/accounts/connect", Permission::accounts, [&connector](const Request& request) {
    const auto body = wire::parse_connect_request(request.body);
    const auto started =
        body.method == SignInMethod::app_password
            ? connector.sign_in(body.network, plugin::PasswordSignIn{body.instance_url, body.handle, body.password},
                                request.user)
            : connector.start(body.network, body.instance_url, request.user, body.redirect_uri);
    return Response::json(202, wire::to_json(wire::ConnectStarted{started.connect_id, started.authorize_url}));
  });

  router.add("GET", "/api/v1/accounts/connect/{id}", Permission::accounts, [&connector](const Request& request) {
    return Response::json(200,
                          wire::to_json(progress_of(connector.status(request.path_params.at("id"), request.user))));
  });

  router.add(
      "POST", "/api/v1/accounts/connect/{id}/choose", Permission::accounts, [&connector](const Request& request) {
        const auto body = wire::parse_connect_choice(request.body);
        const auto status = connector.choose(request.path_params.at("id"), body.network_account_ids, request.user);
        return Response::json(200, wire::to_json(progress_of(status)));
      });

  // A desktop that received the browser's redirect on its own listener.
  router.add("POST", "/api/v1/accounts/connect/{id}/complete", Permission::accounts,
             [&connector](const Request& request) {
               const auto body = wire::parse_connect_completion(request.body);
               const auto& id = request.path_params.at("id");
               connector.status(id, request.user);  // not_found for an unknown attempt, or another person's
               connector.complete(body.state, body.code, body.error, id);
               return Response::json(200, wire::to_json(progress_of(connector.status(id, request.user))));
             });

  router.add("DELETE", "/api/v1/accounts/connect/{id}", Permission::accounts, [&connector](const Request& request) {
    connector.cancel(request.path_params.at("id"), request.user);
    return Response::empty(204);
  });

  router.add("DELETE", "/api/v1/accounts/{id}", Permission::accounts, [&connector](const Request& request) {
    connector.disconnect(AccountId{request.path_id("id", "account")}, request.user);
    return Response::empty(204);
  });
}

}  // namespace kanal::api
