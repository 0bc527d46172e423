#pragma once
// /api/v1 shapes for connected accounts and publishing (networks and
// connecting accounts: networks.h).

#include <optional>
#include <string>
#include <vector>

#include "api/wire/networks.h"
#include "core/domain.h"

namespace kanal::wire {

struct PublishRequest {
  std::vector<AccountId> accounts;
};

struct DeliveryInfo {
  AccountId account;
  std::string state;  // pending | in_flight | unknown | undecided | published | failed
  std::int64_t attempts = 0;
  std::string last_error;
  std::string url;
  Timestamp next_attempt_at;
};

// A person's answer for an undecided delivery (the network could not tell
// whether an attempt was published): "published" (at `url`, if given) or
// "publish_again".
struct DeliveryDecision {
  std::string decision;
  std::string url;
};

std::string to_json(const std::vector<Account>& accounts);
std::string to_json(const DeliveryDecision& decision);
std::string to_json(const Account& account);
std::string to_json(const PublishRequest& request);
std::string to_json(const std::vector<DeliveryInfo>& deliveries);

std::vector<Account> parse_accounts(std::string_view body);
PublishRequest parse_publish_request(std::string_view body);
std::vector<DeliveryInfo> parse_deliveries(std::string_view body);
DeliveryDecision parse_delivery_decision(std::string_view body);

}  // namespace kanal::wire
