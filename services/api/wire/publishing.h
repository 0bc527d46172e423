#pragma once
// /api/v1 shapes for networks, connected accounts and publishing.

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::wire {

struct NetworkInfo {
  std::string id;
  std::string display_name;
  bool needs_instance_url = false;
  std::vector<std::string> capabilities;  // "threads", "media", "alt_text", ...
  std::int64_t max_characters = 0;
};

struct ConnectRequest {
  std::string network;
  std::string instance_url;
};

struct ConnectStarted {
  std::string connect_id;
  std::string authorize_url;
};

struct ConnectProgress {
  std::string state;  // waiting | connected | failed
  std::optional<Account> account;
  std::string error;
};

struct PublishRequest {
  std::vector<AccountId> accounts;
};

struct DeliveryInfo {
  AccountId account;
  std::string state;  // pending | in_flight | unknown | published | failed
  std::int64_t attempts = 0;
  std::string last_error;
  std::string url;
  Timestamp next_attempt_at;
};

std::string to_json(const std::vector<NetworkInfo>& networks);
std::string to_json(const std::vector<Account>& accounts);
std::string to_json(const Account& account);
std::string to_json(const ConnectRequest& request);
std::string to_json(const ConnectStarted& started);
std::string to_json(const ConnectProgress& progress);
std::string to_json(const PublishRequest& request);
std::string to_json(const std::vector<DeliveryInfo>& deliveries);

std::vector<NetworkInfo> parse_networks(std::string_view body);
std::vector<Account> parse_accounts(std::string_view body);
ConnectRequest parse_connect_request(std::string_view body);
ConnectStarted parse_connect_started(std::string_view body);
ConnectProgress parse_connect_progress(std::string_view body);
PublishRequest parse_publish_request(std::string_view body);
std::vector<DeliveryInfo> parse_deliveries(std::string_view body);

}  // namespace kanal::wire
