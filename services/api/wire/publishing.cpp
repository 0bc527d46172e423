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

void write_account(JsonWriter& w, const Account& account) {
  w.StartObject();
  w.Key("id");
  w.Int64(account.id.value);
  write_string(w, "network", account.network);
  write_string(w, "handle", account.handle);
  write_string(w, "display_name", account.display_name);
  write_string(w, "instance_url", account.instance_url);
  write_string(w, "health", to_string(account.health));
  write_string(w, "health_detail", account.health_detail);
  w.Key("followers");
  w.Int64(account.followers);
  w.Key("max_characters");
  w.Int64(account.max_characters);
  w.Key("characters_per_url");
  w.Int64(account.characters_per_url);
  write_string(w, "created_at", to_iso8601(account.created_at));
  w.EndObject();
}

Account read_account(const rapidjson::Value& value, const std::string& path) {
  ObjectReader reader(value, path);
  Account account;
  account.id = AccountId{reader.required_int("id", 1, kMaxId)};
  account.network = reader.required_string("network", 64);
  account.handle = reader.required_string("handle", 512);
  account.display_name = reader.optional_string("display_name", 512).value_or("");
  account.instance_url = reader.optional_string("instance_url", 2048).value_or("");
  account.health =
      parse_account_health(reader.optional_string("health", 64).value_or("ok")).value_or(AccountHealth::ok);
  account.health_detail = reader.optional_string("health_detail", 4096).value_or("");
  account.followers = reader.optional_int("followers", 0, kMaxId).value_or(0);
  account.max_characters = reader.optional_int("max_characters", 0, kMaxId).value_or(0);
  account.characters_per_url = reader.optional_int("characters_per_url", 0, kMaxId).value_or(0);
  if (auto created = reader.optional_string("created_at", 64)) {
    account.created_at = parse_iso8601(*created).value_or(Timestamp{});
  }
  return account;
}

const rapidjson::Value& require_array(const rapidjson::Document& doc) {
  if (!doc.IsArray()) throw Error(ErrorCode::invalid_input, "expected a JSON array");
  return doc;
}

}  // namespace

std::string to_json(const std::vector<NetworkInfo>& networks) {
  return written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& network : networks) {
      w.StartObject();
      write_string(w, "id", network.id);
      write_string(w, "display_name", network.display_name);
      w.Key("needs_instance_url");
      w.Bool(network.needs_instance_url);
      w.Key("capabilities");
      w.StartArray();
      for (const auto& capability : network.capabilities) w.String(capability.c_str());
      w.EndArray();
      w.Key("max_characters");
      w.Int64(network.max_characters);
      w.EndObject();
    }
    w.EndArray();
  });
}

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

std::string to_json(const ConnectRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "network", request.network);
    write_string(w, "instance_url", request.instance_url);
    w.EndObject();
  });
}

std::string to_json(const ConnectStarted& started) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "connect_id", started.connect_id);
    write_string(w, "authorize_url", started.authorize_url);
    w.EndObject();
  });
}

std::string to_json(const ConnectProgress& progress) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "state", progress.state);
    if (progress.account) {
      w.Key("account");
      write_account(w, *progress.account);
    }
    write_string(w, "error", progress.error);
    w.EndObject();
  });
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

std::vector<NetworkInfo> parse_networks(std::string_view body) {
  auto doc = json::parse_json(body);
  std::vector<NetworkInfo> networks;
  for (const auto& item : require_array(doc).GetArray()) {
    ObjectReader reader(item, "network.");
    NetworkInfo network;
    network.id = reader.required_string("id", 64);
    network.display_name = reader.required_string("display_name", 128);
    network.needs_instance_url = reader.optional_bool("needs_instance_url").value_or(false);
    network.max_characters = reader.optional_int("max_characters", 0, kMaxId).value_or(0);
    if (const auto* capabilities = reader.optional_array("capabilities")) {
      for (const auto& capability : capabilities->GetArray()) {
        if (capability.IsString()) network.capabilities.emplace_back(capability.GetString());
      }
    }
    networks.push_back(std::move(network));
  }
  return networks;
}

std::vector<Account> parse_accounts(std::string_view body) {
  auto doc = json::parse_json(body);
  std::vector<Account> accounts;
  for (const auto& item : require_array(doc).GetArray()) accounts.push_back(read_account(item, "account."));
  return accounts;
}

ConnectRequest parse_connect_request(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  ConnectRequest request;
  request.network = reader.required_string("network", 64);
  request.instance_url = reader.optional_string("instance_url", 2048).value_or("");
  reader.reject_unknown();
  return request;
}

ConnectStarted parse_connect_started(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  return ConnectStarted{reader.required_string("connect_id", 128), reader.required_string("authorize_url", 8192)};
}

ConnectProgress parse_connect_progress(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  ConnectProgress progress;
  progress.state = reader.required_string("state", 32);
  if (const auto* account = reader.optional_object("account")) progress.account = read_account(*account, "account.");
  progress.error = reader.optional_string("error", 8192).value_or("");
  return progress;
}

PublishRequest parse_publish_request(std::string_view body) {
  auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  PublishRequest request{read_target_accounts(reader)};
  reader.reject_unknown();
  return request;
}

std::vector<DeliveryInfo> parse_deliveries(std::string_view body) {
  auto doc = json::parse_json(body);
  std::vector<DeliveryInfo> deliveries;
  for (const auto& item : require_array(doc).GetArray()) {
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
