// Facebook and Instagram through kanald, with the real plugins and the
// suite's Graph API: an admin sets the Meta app once (Instagram reads
// Facebook's settings); one Facebook Login offers the pages and the linked
// Instagram account, each connected as an account of its own network; the
// person's grant at Meta is withdrawn only when the last account that uses
// it is disconnected.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "api/wire/networks.h"
#include "core/error.h"
#include "support/eventually.h"
#include "support/kanald_process.h"
#include "support/meta_network.h"

using namespace kanal;

TEST_CASE("one Facebook Login connects pages and an Instagram account, and the grant goes with the last of them") {
  const char* dir = std::getenv("KANAL_TEST_META_DIR");  // another running test network, by hand
  test::MetaNetwork network(dir != nullptr ? dir : KANAL_TEST_META_DIR);
  test::KanaldProcess kanald({"--network-url", "facebook.graph_url=" + network.graph_url(), "--network-url",
                              "facebook.web_url=" + network.graph_url()});
  client::ApiClient api(kanald.endpoint());

  // Set where Instagram is chosen, kept as Facebook's: one Meta app for both.
  api.set_network_settings("instagram",
                           {{"app_id", test::MetaNetwork::kAppId}, {"app_secret", test::MetaNetwork::kAppSecret}})
      .get();
  const auto facebook_settings = api.network_settings("facebook").get();
  REQUIRE(facebook_settings.at(0).key == "app_id");
  CHECK(facebook_settings.at(0).value == test::MetaNetwork::kAppId);
  CHECK(facebook_settings.at(1).is_set);
  CHECK(facebook_settings.at(1).value.empty());  // the secret never comes back

  const auto started = api.connect_account(wire::ConnectRequest{"facebook", "", SignInMethod::oauth}).get();
  // The person consents on Facebook; the browser comes back to kanald's listener.
  client::HttpRequest back;
  back.url = network.consent(started.authorize_url);
  back.url = back.url.substr(0, back.url.find('#'));  // a browser keeps Facebook's "#_=_" to itself
  CHECK(client::perform(back).status == 200);
  wire::ConnectProgress offered;
  test::eventually([&] {
    offered = api.connect_progress(started.connect_id).get();
    return offered.state != "waiting";
  });
  REQUIRE(offered.state == "choosing");
  REQUIRE(offered.offers.size() == 3);
  std::vector<std::string> all;
  int on_instagram = 0;
  for (const auto& offer : offered.offers) {
    all.push_back(offer.network_account_id);
    on_instagram += offer.network == "instagram" ? 1 : 0;
  }
  CHECK(on_instagram == 1);
  const auto chosen = api.choose_accounts(started.connect_id, all).get();
  REQUIRE(chosen.state == "connected");
  auto accounts = api.accounts().get();
  REQUIRE(accounts.size() == 3);
  std::optional<Account> instagram;
  std::vector<Account> pages;
  for (const auto& account : accounts) {
    if (account.network == "instagram") instagram = account;
    if (account.network == "facebook") pages.push_back(account);
  }
  REQUIRE(instagram);
  CHECK(instagram->handle == "@kanaltestagency");
  CHECK(instagram->max_characters == 2200);  // Instagram's own rules, from its descriptor
  REQUIRE(pages.size() == 2);

  // Instagram publishes photos: a text alone is refused before anything is sent.
  const auto text_only = api.create_post({"Barnbidraget betalas ut den 20:e.", {}}).get();
  try {
    api.publish(text_only.id, {{instagram->id}}).get();
    FAIL("published");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.detail(), Catch::Contains("Instagram publishes only posts with an image"));
  }

  // Two pages go: the Instagram account still uses the grant, so nothing is withdrawn.
  for (const auto& page : pages) api.disconnect_account(page.id).get();
  CHECK(network.requests("DELETE", "*") == 0);
  // The last one goes: the grant is withdrawn at Meta.
  api.disconnect_account(instagram->id).get();
  CHECK(network.requests("DELETE", "*") == 1);
}
