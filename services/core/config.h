#pragma once
// kanald's settings, from (highest first) command-line flags, KANAL_*
// environment variables, the configuration file, and defaults.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kanal {

struct ListenAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: the OS picks a free port (local mode)

  bool is_loopback() const;
  std::string to_string() const;
};

// "127.0.0.1:8080", "[::1]:8080", "localhost:0"; throws kanal::Error.
ListenAddress parse_listen_address(const std::string& text);

struct DaemonSettings {
  std::filesystem::path data_dir;
  ListenAddress listen;
  std::string database_url;  // empty: SQLite file in the data dir
  std::string log_level = "information";
  std::filesystem::path plugin_dir;       // empty: <program dir>/../lib/kanal/plugins
  std::vector<std::string> network_urls;  // "NETWORK=URL": a network's server, over the workspace's setting
  std::filesystem::path config_file;      // where the file layer came from, if any
  // "NETWORK=SECONDS": how long the network's servers keep an idempotency
  // key, over what the plugin's descriptor says (a server known to keep
  // them shorter; tests).
  std::map<std::string, std::int64_t> idempotency_windows_s;
  unsigned http_threads = 8;
  std::int64_t request_timeout_s = 30;
  std::int64_t account_check_s = 900;           // how often connected accounts are checked (followers, token)
  std::int64_t inbox_sync_s = 60;               // how often comments and mentions are fetched
  std::int64_t metrics_every_s = 60;            // how often kanald looks for likes and followers due
  std::string key_store = "auto";               // auto | keyring | file: where the workspace key is kept
  std::int64_t session_lifetime_s = 12 * 3600;  // a signed-in session ends this long after sign-in
  bool test_clock = false;                      // tests may move kanald's clock (--test-clock; never in a file)
  bool local_mode() const { return database_url.empty() || database_url.rfind("sqlite:", 0) == 0; }
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_environment();

// Flag names: data-dir, listen, database, config, log-level, http-threads, plugin-dir,
// account-check-s, key-store, session-lifetime-s, inbox-sync-s, metrics-every-s,
// network-url and idempotency-window (repeatable; several are joined with
// commas, as the file keys network_urls and idempotency_windows take them).
// Environment: KANAL_DATA_DIR, KANAL_LISTEN, KANAL_DATABASE, KANAL_CONFIG,
// KANAL_LOG_LEVEL, KANAL_KEY_STORE. File keys (Java properties): data_dir, listen, database,
// log_level, http_threads, request_timeout_s, account_check_s, key_store,
// session_lifetime_s, inbox_sync_s, metrics_every_s.
DaemonSettings resolve_daemon_settings(const std::map<std::string, std::string>& flags, const EnvLookup& env);

}  // namespace kanal
