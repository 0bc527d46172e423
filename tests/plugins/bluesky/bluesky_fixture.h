#pragma once
// The Bluesky plugin, loaded as kanald loads it, against the suite's real
// local network: an agency account signed in with an app password, and a
// citizen (bob) who answers it.

#include <catch2/catch.hpp>

#include "networks/plugin_registry.h"
#include "support/bluesky_network.h"

namespace kanal::test {

struct BlueskyFixture {
  BlueskyNetwork network{KANAL_TEST_BLUESKY_DIR};
  net::HttpEngine http;
  SystemClock clock;
  networks::PluginWorkspace workspace;
  networks::PluginRegistry registry{http, clock, Poco::Logger::get("bluesky-test"), &workspace};
  plugin::Network* bluesky = nullptr;
  BlueskyPerson agency = network.create_person("agency");
  BlueskyPerson bob = network.create_person("bob");
  plugin::Connection connection;

  BlueskyFixture() {
    // The network's own servers, as `kanald --network-url` names them.
    workspace.override_setting("bluesky", "url", network.pds_url());
    workspace.override_setting("bluesky", "plc_url", network.plc_url());
    REQUIRE(registry.load(KANAL_PLUGIN_DIR "/bluesky.so"));
    bluesky = registry.find("bluesky");
    const auto signed_in = bluesky->sign_in({"", "@" + agency.handle, agency.app_password}).get();
    REQUIRE(signed_in.accounts.size() == 1);
    connection = signed_in.accounts.front().connection;
  }
};

}  // namespace kanal::test
