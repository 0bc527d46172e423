// Connecting accounts through kanald: a sign-in that gives several accounts
// offers them and connects the ones the person picks; a desktop that
// receives the browser's redirect on its own listener hands code and state
// to kanald; what a network does not offer, or a redirect away from the
// desktop, is refused in words; disconnecting revokes the token.
#include <catch2/catch.hpp>

#include <Poco/URI.h>

#include "api/client/api_client.h"
#include "api/wire/audit.h"
#include "api/wire/networks.h"
#include "core/error.h"
#include "support/errors.h"
#include "support/eventually.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/team.h"

using namespace kanal;

namespace {

wire::ConnectProgress settled(client::ApiClient& api, const std::string& id) {
  wire::ConnectProgress progress;
  test::eventually([&] {
    progress = api.connect_progress(id).get();
    return progress.state != "waiting";
  });
  return progress;
}

wire::ConnectRequest two_pages(const std::string& password) {
  wire::ConnectRequest request;
  request.network = "multi_account";
  request.method = SignInMethod::app_password;
  request.handle = "comms@agency.example";
  request.password = password;
  return request;
}

}  // namespace

TEST_CASE("a sign-in that gives two pages offers both, and connects the one picked") {
  test::KanaldProcess kanald({"--plugin-dir", KANAL_TEST_PLUGIN_DIR});
  client::ApiClient api(kanald.endpoint());
  const auto networks = api.networks().get();
  REQUIRE(networks.size() == 1);
  CHECK(networks[0].display_name == "Two Pages");
  CHECK(networks[0].signs_in_with(SignInMethod::app_password));
  CHECK_FALSE(networks[0].signs_in_with(SignInMethod::oauth));

  const auto wrong = settled(api, api.connect_account(two_pages("wrong")).get().connect_id);
  CHECK(wrong.state == "failed");
  CHECK_THAT(wrong.error, Catch::Contains("Invalid identifier or password"));

  const auto started = api.connect_account(two_pages("right")).get();
  CHECK(started.authorize_url.empty());  // nothing to open in a browser
  const auto offered = settled(api, started.connect_id);
  // Another admin who learns the attempt's id neither sees its offers nor chooses for it.
  test::Team team(kanald);
  auto& colleague = team.add("ada", Role::admin);
  CHECK(test::error_code_of([&] { colleague.connect_progress(started.connect_id).get(); }) == ErrorCode::not_found);
  CHECK(test::error_code_of([&] { colleague.choose_accounts(started.connect_id, {"page-a"}).get(); }) ==
        ErrorCode::not_found);
  CHECK(test::error_code_of([&] { colleague.cancel_connect(started.connect_id).get(); }) == ErrorCode::not_found);
  REQUIRE(offered.state == "choosing");
  REQUIRE(offered.offers.size() == 2);
  CHECK(offered.offers[0].handle == "@page-a");
  CHECK(offered.offers[1].kind == "page");
  CHECK(api.accounts().get().empty());  // nothing connected before the choice

  CHECK(test::error_code_of([&] { api.choose_accounts(started.connect_id, {"page-c"}).get(); }) ==
        ErrorCode::invalid_input);
  const auto chosen = api.choose_accounts(started.connect_id, {"page-b"}).get();
  CHECK(chosen.state == "connected");
  REQUIRE(chosen.accounts.size() == 1);
  CHECK(chosen.accounts[0].handle == "@page-b");
  const auto accounts = api.accounts().get();
  REQUIRE(accounts.size() == 1);
  CHECK(accounts[0].network == "multi_account");
  CHECK(accounts[0].max_characters == 1000);  // from the descriptor
  // The trail names who connected it.
  const auto connected = api.audit("action=account.connect").get().events;
  REQUIRE(connected.size() == 1);
  CHECK(connected[0].actor == api.me().get().user.id);
  // The choice is made once.
  CHECK(test::error_code_of([&] { api.choose_accounts(started.connect_id, {"page-a"}).get(); }) ==
        ErrorCode::stale_version);

  // What the network does not offer, and what is missing, are refused in words.
  wire::ConnectRequest browser{"multi_account", "", SignInMethod::oauth};
  try {
    api.connect_account(browser).get();
    FAIL("started");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.detail(), Catch::Contains("Two Pages signs in with an app password"));
  }
  CHECK(test::error_code_of([&] { api.connect_account(two_pages("")).get(); }) == ErrorCode::invalid_input);
}

TEST_CASE("an admin sets a network's client id and secret: the secret is sealed and never sent back") {
  test::KanaldProcess kanald({"--plugin-dir", KANAL_TEST_PLUGIN_DIR});
  client::ApiClient api(kanald.endpoint());
  auto settings = api.network_settings("multi_account").get();
  REQUIRE(settings.size() == 2);
  CHECK_FALSE(settings[1].is_set);
  settings = api.set_network_settings("multi_account",
                                      {{"client_id", "kanal-test-app"}, {"client_secret", "s3cret-never-shown"}})
                 .get();
  CHECK(settings[0].value == "kanal-test-app");
  CHECK(settings[1].secret);
  CHECK(settings[1].is_set);
  CHECK(settings[1].value.empty());
  CHECK(test::error_code_of([&] {
          api.set_network_settings("multi_account", {{"colour", "red"}}).get();
        }) == ErrorCode::invalid_input);
  CHECK(test::error_code_of([&] { api.network_settings("myspace").get(); }) == ErrorCode::not_found);
  // Kept sealed in the database, and the trail says which keys changed, not to what.
  std::string trail;
  for (const auto& event : api.audit("limit=100").get().events) trail += event.action + " " + event.detail + "\n";
  CHECK_THAT(trail, Catch::Contains("network.settings") && Catch::Contains("client_secret"));
  CHECK_THAT(trail, !Catch::Contains("s3cret-never-shown"));
}

TEST_CASE(
    "a desktop's own redirect listener hands code and state to kanald, and a redirect off the desktop is refused") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  wire::ConnectRequest request{"mastodon", sandbox.url()};
  request.redirect_uri = "http://127.0.0.1:9/callback";  // the desktop's listener (nobody needs to listen here)
  const auto started = api.connect_account(request).get();
  CHECK_THAT(started.authorize_url, Catch::Contains(Poco::URI(request.redirect_uri).getHost()));
  Poco::URI back(sandbox.approve_in_browser(started.authorize_url));
  CHECK(back.getPort() == 9);
  wire::ConnectCompletion completion;
  for (const auto& [name, value] : back.getQueryParameters()) {
    if (name == "code") completion.code = value;
    if (name == "state") completion.state = value;
  }
  // Another attempt's state does not finish this one.
  const auto other = api.connect_account(request).get();
  CHECK(api.complete_connect(other.connect_id, completion).get().state == "waiting");
  const auto done = api.complete_connect(started.connect_id, completion).get();
  CHECK(done.state == "connected");
  REQUIRE(done.account);
  CHECK(done.account->handle == "@kanal_demo@127.0.0.1");

  request.redirect_uri = "https://desktop.example/callback";
  try {
    api.connect_account(request).get();
    FAIL("started");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.detail(), Catch::Contains("http://127.0.0.1"));
  }

  // Disconnecting revokes the token at the network, then forgets it.
  api.disconnect_account(done.account->id).get();
  CHECK(sandbox.requests_to("POST", "/oauth/revoke") == 1);
  CHECK(api.accounts().get().at(0).health == AccountHealth::disconnected);
}

TEST_CASE("a connection attempt not finished within 15 minutes is over") {
  test::KanaldProcess kanald({"--plugin-dir", KANAL_TEST_PLUGIN_DIR, "--test-clock"});
  client::ApiClient api(kanald.endpoint());
  const auto t0 = SystemClock{}.now();
  api.set_test_clock(t0).get();
  const auto started = api.connect_account(two_pages("right")).get();
  REQUIRE(settled(api, started.connect_id).state == "choosing");
  api.set_test_clock(t0 + std::chrono::minutes(14)).get();
  CHECK(api.connect_progress(started.connect_id).get().state == "choosing");  // still open

  api.set_test_clock(t0 + std::chrono::minutes(16)).get();
  try {
    api.choose_accounts(started.connect_id, {"page-a"}).get();
    FAIL("chosen");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::not_found);
    CHECK_THAT(e.detail(), Catch::Contains("within 15 minutes"));
  }
  CHECK(api.accounts().get().empty());
}

TEST_CASE("an account's server is reached over https, or over http only on this machine") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  for (const char* address : {"http://social.example", "http://10.0.0.5:3000", "ftp://social.example"}) {
    INFO(address);
    wire::ConnectRequest request{"mastodon", address, SignInMethod::oauth};
    try {
      api.connect_account(request).get();
      FAIL("started");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::invalid_input);
      CHECK_THAT(e.detail(), Catch::Contains("must start with https://"));
    }
  }
}
