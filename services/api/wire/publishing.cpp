#include "api/wire/publishing.h"

#include <algorithm>

#include "api/wire/account_ids.h"
#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::write_string;
using json::written;

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

}  // namespace

std::string to_json(const std::vector<Account>& accounts) {
  return written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& account : accounts) write_account(w, account);
    w.EndArray();
  });
}

std::string to_json(const Account& account) {
  return written([&](JsonWriter& w) { write_account(w, account); });
}

std::string to_json(const PublishRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("account_ids");
    w.StartArray();
    for (const auto& account : request.accounts) w.Int64(account.value);
    w.EndArray();
    w.EndObject();
  });
}

std::string to_json(const std::vector<DeliveryInfo>& deliveries) {
  return written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& delivery : deliveries) {
      w.StartObject();
      w.Key("account_id");
      w.Int64(delivery.account.value);
      write_string(w, "state", delivery.state);
      w.Key("attempts");
      w.Int64(delivery.attempts);
      write_string(w, "last_error", delivery.last_error);
      write_string(w, "url", delivery.url);
      write_string(w, "next_attempt_at", to_iso8601(delivery.next_attempt_at));
      w.EndObject();
    }
    w.EndArray();
  });
}

std::vector<Account> parse_accounts(std::string_view body) {
  auto doc = json::parse_json(body);
  std::vector<Account> accounts;
  for (const auto& item : json::require_array(doc).GetArray()) accounts.push_back(read_account(item, "account."));
  return accounts;
}

PublishRequest parse_publish_request(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  PublishRequest request{read_target_accounts(reader)};
  reader.reject_unknown();
  return request;
}

std::string to_json(const DeliveryDecision& decision) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "decision", decision.decision);
    if (!decision.url.empty()) json::write_string(w, "url", decision.url);
    w.EndObject();
  });
}

DeliveryDecision parse_delivery_decision(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  DeliveryDecision decision{reader.required_string("decision", 32), reader.optional_string("url", 2048).value_or("")};
  reader.reject_unknown();
  if (decision.decision != "published" && decision.decision != "publish_again") {
    throw Error(ErrorCode::invalid_input, "decision is 'published' or 'publish_again'", "decision");
  }
  if (!decision.url.empty() && decision.url.rfind("https://", 0) != 0 && decision.url.rfind("http://", 0) != 0) {
    throw Error(ErrorCode::invalid_input, "url is the post's address on the network (https://…)", "url");
  }
  return decision;
}

std::vector<DeliveryInfo> parse_deliveries(std::string_view body) {
  auto doc = json::parse_json(body);
  std::vector<DeliveryInfo> deliveries;
  for (const auto& item : json::require_array(doc).GetArray()) {
    ObjectReader reader(item, "delivery.");
    DeliveryInfo delivery;
    delivery.account = AccountId{reader.required_int("account_id", 1, kMaxId)};
    delivery.state = reader.required_string("state", 32);
    delivery.attempts = reader.optional_int("attempts", 0, kMaxId).value_or(0);
    delivery.last_error = reader.optional_string("last_error", 8192).value_or("");
    delivery.url = reader.optional_string("url", 4096).value_or("");
    if (auto next = reader.optional_string("next_attempt_at", 64)) {
      delivery.next_attempt_at = parse_iso8601(*next).value_or(Timestamp{});
    }
    deliveries.push_back(std::move(delivery));
  }
  return deliveries;
}

}  // namespace kanal::wire
