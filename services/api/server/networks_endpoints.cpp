#include "api/server/networks_endpoints.h"

#include "api/wire/publishing.h"
#include "core/error.h"
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
                                                 offer.profile.display_name, offer.kind});
  }
  progress.error = status.error;
  return progress;
}

}  // namespace

void add_networks_endpoints(Router& router, networks::PluginRegistry& plugins, networks::AccountConnector& connector,
                            store::Database& db, const Clock& clock) {
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
            ? connector.sign_in(body.network, plugin::PasswordSignIn{body.instance_url, body.handle, body.password})
            : connector.start(body.network, body.instance_url, body.redirect_uri);
    return Response::json(202, wire::to_json(wire::ConnectStarted{started.connect_id, started.authorize_url}));
  });

  router.add("GET", "/api/v1/accounts/connect/{id}", Permission::accounts, [&connector](const Request& request) {
    return Response::json(200, wire::to_json(progress_of(connector.status(request.path_params.at("id")))));
  });

  router.add("POST", "/api/v1/accounts/connect/{id}/choose", Permission::accounts,
             [&connector](const Request& request) {
               const auto body = wire::parse_connect_choice(request.body);
               const auto status = connector.choose(request.path_params.at("id"), body.network_account_ids);
               return Response::json(200, wire::to_json(progress_of(status)));
             });

  // A desktop that received the browser's redirect on its own listener.
  router.add("POST", "/api/v1/accounts/connect/{id}/complete", Permission::accounts,
             [&connector](const Request& request) {
               const auto body = wire::parse_connect_completion(request.body);
               const auto& id = request.path_params.at("id");
               connector.status(id);  // not_found for an unknown attempt
               connector.complete(body.state, body.code, body.error, id);
               return Response::json(200, wire::to_json(progress_of(connector.status(id))));
             });

  router.add("DELETE", "/api/v1/accounts/connect/{id}", Permission::accounts, [&connector](const Request& request) {
    connector.cancel(request.path_params.at("id"));
    return Response::empty(204);
  });

  router.add("DELETE", "/api/v1/accounts/{id}", Permission::accounts, [&db, &clock](const Request& request) {
    const AccountId id{request.path_id("id", "account")};
    const auto at = clock.now();
    db.transact([&](Poco::Data::Session& session) {
      store::AccountRepository accounts(session);
      if (!accounts.find(id)) throw Error(ErrorCode::not_found, "no account " + std::to_string(id.value));
      accounts.disconnect(id);
      store::AuditRepository(session).append(
          AuditEvent{0, at, request.user, "account.disconnect", "account", id.value, "{}"});
    });
    return Response::empty(204);
  });
}

}  // namespace kanal::api
