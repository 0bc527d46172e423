#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "core/config.h"
#include "core/error.h"
#include "support/temp_dir.h"

namespace {

kanal::EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

TEST_CASE("listen addresses parse, and loopback is recognised") {
  auto v4 = kanal::parse_listen_address("127.0.0.1:8080");
  CHECK(v4.host == "127.0.0.1");
  CHECK(v4.port == 8080);
  CHECK(v4.is_loopback());
  auto v6 = kanal::parse_listen_address("[::1]:0");
  CHECK(v6.host == "::1");
  CHECK(v6.is_loopback());
  CHECK(v6.to_string() == "[::1]:0");
  CHECK(kanal::parse_listen_address("localhost:1").is_loopback());
  CHECK_FALSE(kanal::parse_listen_address("0.0.0.0:80").is_loopback());
  CHECK_FALSE(kanal::parse_listen_address("192.0.2.1:80").is_loopback());
  CHECK_THROWS_AS(kanal::parse_listen_address("127.0.0.1"), kanal::Error);
  CHECK_THROWS_AS(kanal::parse_listen_address("127.0.0.1:99999"), kanal::Error);
  CHECK_THROWS_AS(kanal::parse_listen_address("127.0.0.1:8o"), kanal::Error);
}

TEST_CASE("settings layer flags over environment over file over defaults") {
  kanal::test::TempDir dir;
  {
    std::ofstream file(dir.path() / "kanald.properties");
    file << "listen = 127.0.0.1:7001\nlog_level = debug\nhttp_threads = 4\n";
  }
  const auto data_dir = dir.path().string();

  auto from_file = kanal::resolve_daemon_settings({{"data-dir", data_dir}}, env_of({}));
  CHECK(from_file.listen.port == 7001);
  CHECK(from_file.log_level == "debug");
  CHECK(from_file.http_threads == 4);
  CHECK(from_file.config_file == dir.path() / "kanald.properties");

  auto from_env =
      kanal::resolve_daemon_settings({{"data-dir", data_dir}}, env_of({{"KANAL_LISTEN", "127.0.0.1:7002"}}));
  CHECK(from_env.listen.port == 7002);

  auto from_flag = kanal::resolve_daemon_settings({{"data-dir", data_dir}, {"listen", "127.0.0.1:7003"}},
                                                  env_of({{"KANAL_LISTEN", "127.0.0.1:7002"}}));
  CHECK(from_flag.listen.port == 7003);
  CHECK(from_flag.local_mode());
}

TEST_CASE("a bad setting is a clear error") {
  kanal::test::TempDir dir;
  CHECK_THROWS_WITH(
      kanal::resolve_daemon_settings({{"config", (dir.path() / "missing.properties").string()}}, env_of({})),
      Catch::Contains("cannot read configuration file"));
  CHECK_THROWS_WITH(
      kanal::resolve_daemon_settings({{"data-dir", dir.path().string()}, {"http-threads", "0"}}, env_of({})),
      Catch::Contains("http_threads"));
  {
    std::ofstream file(dir.path() / "kanald.properties");
    file << "request_timeout_s = 0\n";
  }
  CHECK_THROWS_WITH(kanal::resolve_daemon_settings({{"data-dir", dir.path().string()}}, env_of({})),
                    Catch::Contains("request_timeout_s"));
  const std::map<std::string, std::string> elsewhere{{"data-dir", (dir.path() / "other").string()}};
  auto with = [&](const char* flag, const char* value) {
    auto flags = elsewhere;
    flags[flag] = value;
    return flags;
  };
  CHECK_THROWS_WITH(kanal::resolve_daemon_settings(with("key-store", "vault"), env_of({})),
                    Catch::Contains("key_store must be auto, keyring or file"));
  CHECK_THROWS_WITH(kanal::resolve_daemon_settings(with("account-check-s", "0"), env_of({})),
                    Catch::Contains("account_check_s"));
  CHECK_THROWS_WITH(kanal::resolve_daemon_settings(with("account-check-s", "soon"), env_of({})),
                    Catch::Contains("bad number"));
}
