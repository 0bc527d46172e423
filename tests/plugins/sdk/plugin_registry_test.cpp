#include <catch2/catch.hpp>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Message.h>

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
  networks::PluginRegistry registry(http, logger);

  CHECK(registry.load_directory(KANAL_PLUGIN_DIR) >= 1);
  auto* mastodon = registry.find("mastodon");
  REQUIRE(mastodon != nullptr);
  CHECK(mastodon->description().display_name == "Mastodon");
  CHECK(mastodon->description().needs_instance_url);
  CHECK_THAT(capture->all(), Catch::Contains("loaded: mastodon"));

  CHECK_FALSE(registry.load(KANAL_TEST_PLUGIN_DIR "/wrong_version.so"));
  const auto expected = "refused: built for plugin API version " + std::to_string(plugin::kPluginApiVersion + 1) +
                        ", kanald speaks version " + std::to_string(plugin::kPluginApiVersion);
  CHECK_THAT(capture->all(), Catch::Contains(expected));
  CHECK_FALSE(registry.load(KANAL_TEST_PLUGIN_DIR "/no_entry.so"));
  CHECK_THAT(capture->all(), Catch::Contains("has no kanal_plugin_info entry point"));
  CHECK_FALSE(registry.load(KANAL_PLUGIN_DIR "/mastodon.so"));
  CHECK_THAT(capture->all(), Catch::Contains("already loaded"));
  CHECK(registry.find("wrong_version") == nullptr);
  CHECK(registry.descriptions().size() == 1);
}
