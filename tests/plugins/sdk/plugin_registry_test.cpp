#include <catch2/catch.hpp>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Message.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "core/error.h"
#include "networks/plugin_registry.h"

using namespace kanal;

namespace {

class Capture final : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override { lines.push_back(message.getText()); }
  std::string all() const {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
  }
  std::vector<std::string> lines;
};

}  // namespace

TEST_CASE("the registry loads the network plugins and refuses a version mismatch with a clear line") {
  Poco::AutoPtr<Capture> capture(new Capture);
  auto& logger = Poco::Logger::get("plugin-registry-test");
  logger.setChannel(capture);
  logger.setLevel("information");
  net::HttpEngine http;
  SystemClock clock;
  networks::PluginRegistry registry(http, clock, logger);

  CHECK(registry.load_directory(KANAL_PLUGIN_DIR) >= 1);
  auto* mastodon = registry.find("mastodon");
  REQUIRE(mastodon != nullptr);
  CHECK(mastodon->descriptor().display_name == "Mastodon");
  CHECK(mastodon->descriptor().asks_for_server);
  CHECK(mastodon->descriptor().signs_in_with(SignInMethod::oauth));
  CHECK_THAT(capture->all(), Catch::Contains("loaded: mastodon"));
  CHECK_THAT(capture->all(), Catch::Contains("loaded: bluesky"));
  CHECK_THAT(capture->all(), Catch::Contains("loaded: x"));

  CHECK_FALSE(registry.load(KANAL_TEST_PLUGIN_DIR "/wrong_version.so"));
  const auto expected = "refused: built for plugin API version " + std::to_string(plugin::kPluginApiVersion + 1) +
                        ", Kanal speaks version " + std::to_string(plugin::kPluginApiVersion);
  CHECK_THAT(capture->all(), Catch::Contains(expected));
  CHECK_FALSE(registry.load(KANAL_TEST_PLUGIN_DIR "/version_2.so"));
  CHECK_THAT(capture->all(), Catch::Contains("refused: built for plugin API version 2, Kanal speaks version 3"));
  CHECK_FALSE(registry.load(KANAL_TEST_PLUGIN_DIR "/other_abi.so"));
  CHECK_THAT(capture->all(), Catch::Contains("refused: built against other plugin headers (ABI 0000000000000000"));
  CHECK_FALSE(registry.load(KANAL_TEST_PLUGIN_DIR "/no_entry.so"));
  CHECK_THAT(capture->all(), Catch::Contains("has no kanal_plugin_info entry point"));
  CHECK_FALSE(registry.load(KANAL_PLUGIN_DIR "/mastodon.so"));
  CHECK_THAT(capture->all(), Catch::Contains("already loaded"));
  CHECK(registry.find("wrong_version") == nullptr);
  CHECK(registry.find("version_2") == nullptr);
  CHECK(registry.find("other_abi") == nullptr);
  CHECK(registry.descriptors().size() == 5);  // mastodon, bluesky, x, facebook and instagram
  CHECK(registry.find("bluesky") != nullptr);
  CHECK(registry.find("x") != nullptr);
  CHECK(registry.find("facebook") != nullptr);
  CHECK(registry.find("instagram") != nullptr);
}

TEST_CASE("kanalctl's catalog reads the descriptors of the plugins that pass the handshake, and only those") {
  const auto descriptors = plugin::read_descriptors(KANAL_PLUGIN_DIR);
  REQUIRE_FALSE(descriptors.empty());
  const auto mastodon = std::find_if(descriptors.begin(), descriptors.end(),
                                     [](const NetworkDescriptor& d) { return d.id == "mastodon"; });
  REQUIRE(mastodon != descriptors.end());
  CHECK(mastodon->text.counting == Counting::graphemes);
  CHECK(mastodon->text.max_characters == 500);
  CHECK_FALSE(mastodon->icon_svg.empty());
  CHECK(plugin::read_descriptors(KANAL_TEST_PLUGIN_DIR).empty());  // every one there is refused
  CHECK(plugin::read_descriptors("/nonexistent").empty());
}

TEST_CASE("a plugin's settings: declared keys only, --network-url over the stored value, state kept per network") {
  networks::PluginWorkspace workspace;
  NetworkDescriptor network;
  network.id = "example";
  network.display_name = "Example";
  network.settings = {{"url", "Server", false, "https://example.social"}, {"client_secret", "Secret", true, ""}};
  CHECK(workspace.settings(network).get("url") == "https://example.social");
  workspace.set_setting(network, "url", "https://stored.example");
  CHECK(workspace.settings(network).get("url") == "https://stored.example");
  workspace.override_setting("example", "url", "http://127.0.0.1:2583");
  CHECK(workspace.settings(network).get("url") == "http://127.0.0.1:2583");
  CHECK_THROWS_AS(workspace.set_setting(network, "colour", "red"), Error);
  workspace.save("example", "did", "did:plc:abc");
  CHECK(workspace.load("example", "did") == "did:plc:abc");
  CHECK_FALSE(workspace.load("other", "did"));
  workspace.save("example", "did", "");
  CHECK_FALSE(workspace.load("example", "did"));
  CHECK_THROWS_AS(networks::parse_network_url("bluesky"), Error);
  const auto url = networks::parse_network_url("bluesky=http://127.0.0.1:1");
  CHECK((url.network == "bluesky" && url.key == "url" && url.value == "http://127.0.0.1:1"));
  const auto directory = networks::parse_network_url("bluesky.plc_url=http://localhost:2");
  CHECK((directory.network == "bluesky" && directory.key == "plc_url" && directory.value == "http://localhost:2"));
  CHECK_THROWS_AS(networks::parse_network_url(".url=x"), Error);
}

TEST_CASE("a plugin in a folder or file others may write to is not loaded") {
  Poco::AutoPtr<Capture> capture(new Capture);
  auto& logger = Poco::Logger::get("plugin-place-test");
  logger.setChannel(capture);
  net::HttpEngine http;
  SystemClock clock;
  const auto dir = std::filesystem::temp_directory_path() / ("kanal-plugin-place-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto copy = dir / "mastodon.so";
  std::filesystem::copy_file(KANAL_PLUGIN_DIR "/mastodon.so", copy, std::filesystem::copy_options::overwrite_existing);
  using std::filesystem::perms;
  const auto set = [](const std::filesystem::path& path, perms rights) { std::filesystem::permissions(path, rights); };

  set(dir, perms::owner_all | perms::group_all | perms::others_all);  // a shared folder
  set(copy, perms::owner_all | perms::group_read | perms::others_read);
  {
    networks::PluginRegistry registry(http, clock, logger);
    CHECK(registry.load_directory(dir) == 0);
    CHECK_THAT(capture->all(), Catch::Contains("may be written by others than its owner"));
    CHECK(plugin::read_descriptors(dir).empty());  // kanalctl neither
  }
  set(dir, perms::owner_all | perms::group_read | perms::group_exec | perms::others_read | perms::others_exec);
  set(copy, perms::owner_all | perms::group_write | perms::others_read);  // the file itself
  {
    networks::PluginRegistry registry(http, clock, logger);
    CHECK(registry.load_directory(dir) == 0);
  }
  set(copy, perms::owner_all | perms::group_read | perms::others_read);
  {
    networks::PluginRegistry registry(http, clock, logger);
    CHECK(registry.load_directory(dir) == 1);
  }
  std::filesystem::remove_all(dir);
}
