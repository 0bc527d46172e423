#pragma once
// /api/v1 shapes for the networks kanald loaded (their descriptors) and for
// connecting accounts through them.

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/network_descriptor.h"

namespace kanal::wire {

// How a person asks to connect: through the browser (OAuth) or with an app
// password. A desktop that receives the browser's redirect on its own
// loopback listener names it in `redirect_uri` and hands code and state on
// with POST …/connect/{id}/complete; without it kanald listens itself.
struct ConnectRequest {
  std::string network;
  std::string instance_url;  // the server, where the person names one
  SignInMethod method = SignInMethod::oauth;
  std::string redirect_uri;
  std::string handle;    // app password sign-in
  std::string password;  // app password sign-in; never stored, never logged
};

struct ConnectStarted {
  std::string connect_id;
  std::string authorize_url;  // empty for an app password: nothing to open
};

// An account a sign-in gave, for the person to pick.
struct AccountOffer {
  std::string network_account_id;
  std::string handle;
  std::string display_name;
  std::string kind;     // "profile", "page", "organisation"
  std::string network;  // the network the account is on (one sign-in may reach several)
};

struct ConnectProgress {
  std::string state;                 // waiting | choosing | connected | failed
  std::optional<Account> account;    // the first connected
  std::vector<Account> accounts;     // every account connected
  std::vector<AccountOffer> offers;  // while choosing
  std::string error;
};

struct ConnectChoice {
  std::vector<std::string> network_account_ids;
};

struct ConnectCompletion {
  std::string state;
  std::string code;
  std::string error;  // what the network said instead of a code
};

// A network's workspace setting as an admin sees it: a secret's value is
// never sent, only whether it is set.
struct NetworkSettingValue {
  std::string key;
  std::string label;
  bool secret = false;
  std::string value;
  bool is_set = false;
};

std::string to_json(const std::vector<NetworkSettingValue>& settings);
std::vector<NetworkSettingValue> parse_network_settings(std::string_view body);
// PUT …/settings {"values": {"key": "value", …}}: the keys to change.
std::string to_json(const std::vector<std::pair<std::string, std::string>>& values);
std::vector<std::pair<std::string, std::string>> parse_network_settings_update(std::string_view body);

std::string to_json(const std::vector<NetworkDescriptor>& networks);
std::vector<NetworkDescriptor> parse_networks(std::string_view body);

std::string to_json(const ConnectRequest& request);
std::string to_json(const ConnectStarted& started);
std::string to_json(const ConnectProgress& progress);
std::string to_json(const ConnectChoice& choice);
std::string to_json(const ConnectCompletion& completion);
ConnectRequest parse_connect_request(std::string_view body);
ConnectStarted parse_connect_started(std::string_view body);
ConnectProgress parse_connect_progress(std::string_view body);
ConnectChoice parse_connect_choice(std::string_view body);
ConnectCompletion parse_connect_completion(std::string_view body);

// The descriptor of `network` among `networks`, or nullptr.
const NetworkDescriptor* find_network(const std::vector<NetworkDescriptor>& networks, std::string_view network);

}  // namespace kanal::wire
