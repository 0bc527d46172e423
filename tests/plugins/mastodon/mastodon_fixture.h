#pragma once
// The Mastodon plugin, loaded as kanald loads it, with an account of a real
// kanal-sandbox connected through the browser step.

#include <catch2/catch.hpp>

#include <Poco/URI.h>

#include "networks/plugin_registry.h"
#include "support/sandbox_process.h"

namespace kanal::test {

struct MastodonFixture {
  SandboxProcess sandbox;
  net::HttpEngine http;
  networks::PluginRegistry registry{http, Poco::Logger::get("mastodon-test")};
  plugin::Network* mastodon = nullptr;
  plugin::Connection connection;

  explicit MastodonFixture(std::vector<std::string> sandbox_args = {}) : sandbox(std::move(sandbox_args)) {
    REQUIRE(registry.load(KANAL_PLUGIN_DIR "/mastodon.so"));
    mastodon = registry.find("mastodon");
    connection.instance_url = sandbox.url();
    connection.credentials = authorize();
  }

  // OAuth with PKCE, the browser step done as a person would.
  plugin::Credentials authorize() {
    auto request = mastodon->begin_authorization(sandbox.url(), "http://127.0.0.1:9/callback").get();
    Poco::URI uri(sandbox.approve_in_browser(request.authorize_url));
    std::string code, state;
    for (const auto& [name, value] : uri.getQueryParameters()) {
      if (name == "code") code = value;
      if (name == "state") state = value;
    }
    REQUIRE(state == request.state);
    return mastodon->complete_authorization(sandbox.url(), request, code).get();
  }
};

}  // namespace kanal::test
