#include "core/config.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Util/LayeredConfiguration.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <charconv>
#include <cstdlib>
#include <sstream>

#include "core/error.h"
#include "core/paths.h"

namespace kanal {

bool ListenAddress::is_loopback() const {
  if (host == "localhost") return true;
  Poco::Net::IPAddress address;
  if (!Poco::Net::IPAddress::tryParse(host, address)) return false;
  return address.isLoopback();
}

std::string ListenAddress::to_string() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

ListenAddress parse_listen_address(const std::string& text) {
  ListenAddress address;
  std::string port_text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      throw Error(ErrorCode::invalid_input, "listen address '" + text + "' is not [host]:port", "listen");
    }
    address.host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      throw Error(ErrorCode::invalid_input, "listen address '" + text + "' is not host:port", "listen");
    }
    address.host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  }
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) {
    throw Error(ErrorCode::invalid_input, "listen port '" + port_text + "' is not a number from 0 to 65535", "listen");
  }
  address.port = static_cast<std::uint16_t>(port);
  return address;
}

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

DaemonSettings resolve_daemon_settings(const std::map<std::string, std::string>& flags, const EnvLookup& env) {
  using Poco::AutoPtr;
  using Poco::Util::MapConfiguration;

  AutoPtr<MapConfiguration> from_flags(new MapConfiguration);
  const std::map<std::string, std::string> flag_keys{
      {"data-dir", "data_dir"},         {"listen", "listen"},
      {"database", "database"},         {"config", "config"},
      {"log-level", "log_level"},       {"http-threads", "http_threads"},
      {"plugin-dir", "plugin_dir"},     {"account-check-s", "account_check_s"},
      {"key-store", "key_store"},       {"session-lifetime-s", "session_lifetime_s"},
      {"inbox-sync-s", "inbox_sync_s"}, {"metrics-every-s", "metrics_every_s"},
      {"network-url", "network_urls"},  {"idempotency-window", "idempotency_windows"}};
  for (const auto& [flag, value] : flags) {
    auto key = flag_keys.find(flag);
    if (key != flag_keys.end()) from_flags->setString(key->second, value);
  }

  AutoPtr<MapConfiguration> from_env(new MapConfiguration);
  const std::map<std::string, std::string> env_keys{
      {"KANAL_DATA_DIR", "data_dir"},  {"KANAL_LISTEN", "listen"},       {"KANAL_DATABASE", "database"},
      {"KANAL_CONFIG", "config"},      {"KANAL_LOG_LEVEL", "log_level"}, {"KANAL_PLUGIN_DIR", "plugin_dir"},
      {"KANAL_KEY_STORE", "key_store"}};
  for (const auto& [name, key] : env_keys) {
    if (auto value = env(name)) from_env->setString(key, *value);
  }

  AutoPtr<Poco::Util::LayeredConfiguration> config(new Poco::Util::LayeredConfiguration);
  config->add(from_flags, 0);
  config->add(from_env, 1);

  DaemonSettings settings;
  settings.test_clock = flags.count("test-clock") > 0;
  settings.data_dir = config->getString("data_dir", default_data_dir().string());

  // The file layer: an explicit --config, else kanald.properties in the data dir.
  std::filesystem::path file = config->getString("config", "");
  const bool explicit_file = !file.empty();
  if (!explicit_file) file = settings.data_dir / "kanald.properties";
  if (explicit_file || std::filesystem::exists(file)) {
    try {
      AutoPtr<Poco::Util::PropertyFileConfiguration> from_file(
          new Poco::Util::PropertyFileConfiguration(file.string()));
      config->add(from_file, 2);
      settings.config_file = file;
    } catch (const Poco::Exception& e) {
      throw Error(ErrorCode::invalid_input, "cannot read configuration file " + file.string() + ": " + e.displayText(),
                  "config");
    }
    settings.data_dir = config->getString("data_dir", settings.data_dir.string());
  }

  settings.listen = parse_listen_address(config->getString("listen", "127.0.0.1:0"));
  settings.database_url = config->getString("database", "");
  settings.log_level = config->getString("log_level", settings.log_level);
  settings.plugin_dir = config->getString("plugin_dir", "");
  std::istringstream network_urls(config->getString("network_urls", ""));
  for (std::string item; std::getline(network_urls, item, ',');) {
    if (!item.empty()) settings.network_urls.push_back(item);
  }
  std::istringstream windows(config->getString("idempotency_windows", ""));
  for (std::string item; std::getline(windows, item, ',');) {
    const auto equals = item.find('=');
    const auto seconds = equals == std::string::npos ? std::string() : item.substr(equals + 1);
    if (equals == 0 || seconds.empty() || seconds.size() > 9 ||
        seconds.find_first_not_of("0123456789") != std::string::npos) {
      throw Error(ErrorCode::invalid_input, "idempotency_windows takes NETWORK=SECONDS, not '" + item + "'",
                  "idempotency_windows");
    }
    settings.idempotency_windows_s[item.substr(0, equals)] = std::stoll(seconds);
  }
  settings.key_store = config->getString("key_store", settings.key_store);
  if (settings.key_store != "auto" && settings.key_store != "keyring" && settings.key_store != "file") {
    throw Error(ErrorCode::invalid_input, "key_store must be auto, keyring or file", "key_store");
  }
  try {
    settings.http_threads = config->getUInt("http_threads", settings.http_threads);
    settings.request_timeout_s = config->getInt64("request_timeout_s", settings.request_timeout_s);
    settings.account_check_s = config->getInt64("account_check_s", settings.account_check_s);
    settings.inbox_sync_s = config->getInt64("inbox_sync_s", settings.inbox_sync_s);
    settings.metrics_every_s = config->getInt64("metrics_every_s", settings.metrics_every_s);
    settings.session_lifetime_s = config->getInt64("session_lifetime_s", settings.session_lifetime_s);
  } catch (const Poco::Exception& e) {
    throw Error(ErrorCode::invalid_input, "bad number in configuration: " + e.displayText());
  }
  if (settings.request_timeout_s < 1 || settings.request_timeout_s > 3600) {
    throw Error(ErrorCode::invalid_input, "request_timeout_s must be from 1 to 3600", "request_timeout_s");
  }
  if (settings.account_check_s < 1 || settings.account_check_s > 86400) {
    throw Error(ErrorCode::invalid_input, "account_check_s must be from 1 to 86400", "account_check_s");
  }
  if (settings.inbox_sync_s < 1 || settings.inbox_sync_s > 86400) {
    throw Error(ErrorCode::invalid_input, "inbox_sync_s must be from 1 to 86400", "inbox_sync_s");
  }
  if (settings.metrics_every_s < 1 || settings.metrics_every_s > 86400) {
    throw Error(ErrorCode::invalid_input, "metrics_every_s must be from 1 to 86400", "metrics_every_s");
  }
  if (settings.session_lifetime_s < 1 || settings.session_lifetime_s > 30 * 86400) {
    throw Error(ErrorCode::invalid_input, "session_lifetime_s must be from 1 to 2592000 (30 days)",
                "session_lifetime_s");
  }
  if (settings.http_threads == 0 || settings.http_threads > 256) {
    throw Error(ErrorCode::invalid_input, "http_threads must be from 1 to 256", "http_threads");
  }
  return settings;
}

}  // namespace kanal
