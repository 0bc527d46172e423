// The networks kanald loaded and the accounts connected through them:
// connecting (browser or app password, the choice among accounts), network
// settings, per-account permissions, disconnecting.
#include "api/client/api_client.h"
#include "api/client/http_client.h"

namespace kanal::client {

Future<std::vector<NetworkDescriptor>> ApiClient::networks() {
  return executor_->submit([this] { return wire::parse_networks(call("GET", "/networks")); });
}

Future<std::vector<Account>> ApiClient::accounts() {
  return executor_->submit([this] { return wire::parse_accounts(call("GET", "/accounts")); });
}

Future<wire::ConnectStarted> ApiClient::connect_account(wire::ConnectRequest request) {
  return executor_->submit([this, request = std::move(request)] {
    return wire::parse_connect_started(call("POST", "/accounts/connect", wire::to_json(request)));
  });
}

Future<wire::ConnectProgress> ApiClient::connect_progress(std::string connect_id) {
  return executor_->submit([this, connect_id = std::move(connect_id)] {
    return wire::parse_connect_progress(call("GET", "/accounts/connect/" + url_encode(connect_id)));
  });
}

Future<std::vector<wire::NetworkSettingValue>> ApiClient::network_settings(std::string network) {
  return executor_->submit([this, network = std::move(network)] {
    return wire::parse_network_settings(call("GET", "/networks/" + url_encode(network) + "/settings"));
  });
}

Future<std::vector<wire::NetworkSettingValue>> ApiClient::set_network_settings(
    std::string network, std::vector<std::pair<std::string, std::string>> values) {
  return executor_->submit([this, network = std::move(network), values = std::move(values)] {
    return wire::parse_network_settings(
        call("PUT", "/networks/" + url_encode(network) + "/settings", wire::to_json(values)));
  });
}

Future<wire::ConnectProgress> ApiClient::choose_accounts(std::string connect_id, std::vector<std::string> ids) {
  return executor_->submit([this, connect_id = std::move(connect_id), ids = std::move(ids)] {
    return wire::parse_connect_progress(call("POST", "/accounts/connect/" + url_encode(connect_id) + "/choose",
                                             wire::to_json(wire::ConnectChoice{ids})));
  });
}

Future<wire::ConnectProgress> ApiClient::complete_connect(std::string connect_id, wire::ConnectCompletion completion) {
  return executor_->submit([this, connect_id = std::move(connect_id), completion = std::move(completion)] {
    return wire::parse_connect_progress(
        call("POST", "/accounts/connect/" + url_encode(connect_id) + "/complete", wire::to_json(completion)));
  });
}

Future<Done> ApiClient::cancel_connect(std::string connect_id) {
  return executor_->submit([this, connect_id = std::move(connect_id)] {
    call("DELETE", "/accounts/connect/" + url_encode(connect_id));
    return Done{};
  });
}

Future<Done> ApiClient::disconnect_account(AccountId id) {
  return executor_->submit([this, id] {
    call("DELETE", "/accounts/" + std::to_string(id.value));
    return Done{};
  });
}

Future<std::vector<AccountGrant>> ApiClient::account_permissions(AccountId id) {
  return executor_->submit(
      [this, id] { return wire::parse_grants(call("GET", "/accounts/" + std::to_string(id.value) + "/permissions")); });
}

Future<std::vector<AccountGrant>> ApiClient::set_account_permissions(AccountId id, std::vector<AccountGrant> grants) {
  return executor_->submit([this, id, grants = std::move(grants)] {
    return wire::parse_grants(
        call("PUT", "/accounts/" + std::to_string(id.value) + "/permissions", wire::to_json(grants)));
  });
}

}  // namespace kanal::client
