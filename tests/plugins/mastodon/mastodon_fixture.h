#pragma once
// The Mastodon plugin, loaded as kanald loads it, with an account of a real
// kanal-sandbox connected through the browser step.

#include <catch2/catch.hpp>

#include <Poco/URI.h>

#include "mastodon_responses.h"
#include "networks/plugin_registry.h"
#include "support/sandbox_process.h"

namespace kanal::test {

struct MastodonFixture {
  SandboxProcess sandbox;
  net::HttpEngine http;
  SystemClock clock;
  networks::PluginRegistry registry{http, clock, Poco::Logger::get("mastodon-test")};
  plugin::Network* mastodon = nullptr;
  plugin::Connection connection;

  explicit MastodonFixture(std::vector<std::string> sandbox_args = {}) : sandbox(std::move(sandbox_args)) {
    REQUIRE(registry.load(KANAL_PLUGIN_DIR "/mastodon.so"));
    mastodon = registry.find("mastodon");
    connection = authorize();
  }

  // OAuth with PKCE, the browser step done as a person would: the one
  // account the sign-in gives.
  plugin::Connection authorize() {
    auto request = mastodon->begin_authorization(sandbox.url(), "http://127.0.0.1:9/callback").get();
    Poco::URI uri(sandbox.approve_in_browser(request.authorize_url));
    std::string code, state;
    for (const auto& [name, value] : uri.getQueryParameters()) {
      if (name == "code") code = value;
      if (name == "state") state = value;
    }
    REQUIRE(state == request.state);
    auto signed_in = mastodon->complete_authorization(sandbox.url(), request, code).get();
    REQUIRE(signed_in.accounts.size() == 1);
    return signed_in.accounts.front().connection;
  }
};

}  // namespace kanal::test
