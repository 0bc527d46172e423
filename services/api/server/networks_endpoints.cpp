#include "api/server/networks_endpoints.h"

#include "api/wire/publishing.h"
#include "core/error.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"

namespace kanal::api {
namespace {

std::vector<std::string> capability_names(const plugin::NetworkDescription& description) {
  const std::pair<plugin::Capability, const char*> names[] = {{plugin::kThreads, "threads"},
                                                              {plugin::kMedia, "media"},
                                                              {plugin::kAltText, "alt_text"},
                                                              {plugin::kHideReplies, "hide_replies"},
                                                              {plugin::kMetrics, "metrics"},
                                                              {plugin::kDirectMessages, "direct_messages"},
                                                              {plugin::kMuteBlockReport, "mute_block_report"}};
  std::vector<std::string> found;
  for (const auto& [capability, name] : names) {
    if (description.has(capability)) found.emplace_back(name);
  }
  return found;
}

}  // namespace

void add_networks_endpoints(Router& router, networks::PluginRegistry& plugins, networks::AccountConnector& connector,
                            store::Database& db, const Clock& clock) {
  router.add("GET", "/api/v1/networks", Permission::read, [&plugins](const Request&) {
    std::vector<wire::NetworkInfo> networks;
    for (const auto* description : plugins.descriptions()) {
      networks.push_back(wire::NetworkInfo{description->id, description->display_name, description->needs_instance_url,
                                           capability_names(*description),
                                           static_cast<std::int64_t>(description->text.max_characters)});
    }
    return Response::json(200, wire::to_json(networks));
  });

  router.add("GET", "/api/v1/accounts", Permission::read, [&db](const Request&) {
    auto accounts = db.read([](Poco::Data::Session& session) { return store::AccountRepository(session).list(); });
    return Response::json(200, wire::to_json(accounts));
  });

  router.add("POST", "/api/v1/accounts/connect", Permission::accounts, [&connector](const Request& request) {
    const auto body = wire::parse_connect_request(request.body);
    const auto started = connector.start(body.network, body.instance_url);
    return Response::json(202, wire::to_json(wire::ConnectStarted{started.connect_id, started.authorize_url}));
  });

  router.add("GET", "/api/v1/accounts/connect/{id}", Permission::accounts, [&connector](const Request& request) {
    const auto status = connector.status(request.path_params.at("id"));
    const char* state = status.state == networks::ConnectState::connected ? "connected"
                        : status.state == networks::ConnectState::failed  ? "failed"
                                                                          : "waiting";
    return Response::json(200, wire::to_json(wire::ConnectProgress{state, status.account, status.error}));
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
