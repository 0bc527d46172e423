// kanald keeps connected accounts usable on its own: it renews tokens before
// they expire (posts keep going out), keeps follower counts current, and
// marks an account whose token was revoked before anyone tries to post.
#include <catch2/catch.hpp>

#include <thread>

#include "api/client/api_client.h"
#include "support/connect_account.h"
#include "support/eventually.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/temp_dir.h"

using namespace kanal;
using namespace std::chrono_literals;

using test::eventually;

TEST_CASE("a token that expires is renewed in time, and posts keep going out") {
  test::SandboxProcess sandbox({"--token-lifetime", "3"});
  test::KanaldProcess kanald({"--account-check-s", "1"});
  client::ApiClient api(kanald.endpoint());
  auto account = test::connect_sandbox_account(api, sandbox);
  std::this_thread::sleep_for(4s);  // the first token is dead by now
  CHECK(sandbox.requests_to("POST", "/oauth/token") >= 2);
  CHECK(api.accounts().get().at(0).health == AccountHealth::ok);

  auto post = api.create_post({"Påminnelse: ansök om bostadsbidrag före den 1:a."}).get();
  api.publish(post.id, {{account.id}}).get();
  auto deliveries = test::wait_until_settled(api, post.id);
  REQUIRE(deliveries.size() == 1);
  CHECK(deliveries[0].state == "published");
  CHECK(sandbox.statuses().Size() == 1);
}

TEST_CASE("followers are kept current while nobody looks") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({"--account-check-s", "1"});
  client::ApiClient api(kanald.endpoint());
  test::connect_sandbox_account(api, sandbox);
  CHECK(api.accounts().get().at(0).followers == 1200);
  sandbox.advance_audience(48h);
  CHECK(eventually([&] { return api.accounts().get().at(0).followers != 1200; }));
}

TEST_CASE("a revoked token marks the account before anyone posts, and reconnecting clears it") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({"--account-check-s", "1"});
  client::ApiClient api(kanald.endpoint());
  test::connect_sandbox_account(api, sandbox);
  sandbox.revoke_tokens();
  CHECK(eventually([&] { return api.accounts().get().at(0).health == AccountHealth::needs_reauthorization; }));
  test::connect_sandbox_account(api, sandbox);
  CHECK(api.accounts().get().at(0).health == AccountHealth::ok);
  std::this_thread::sleep_for(1500ms);  // a check in between does not undo it
  CHECK(api.accounts().get().at(0).health == AccountHealth::ok);
}

TEST_CASE("credentials sealed with another key ask for reconnection, and nothing is sent") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({"--account-check-s", "1"});
  client::ApiClient api(kanald.endpoint());
  auto account = test::connect_sandbox_account(api, sandbox);
  kanald.stop();
  // The key is replaced (say, a keyring restored from another machine).
  std::filesystem::remove(kanald.data_dir() / "secret.key");
  test::write_file(kanald.data_dir() / "secret.key", std::string(32, 'k'));
  std::filesystem::permissions(kanald.data_dir() / "secret.key",
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  kanald.start();

  auto post = api.create_post({"Tack för alla frågor i dag!"}).get();
  api.publish(post.id, {{account.id}}).get();
  REQUIRE(eventually([&] { return api.accounts().get().at(0).health == AccountHealth::needs_reauthorization; }));
  CHECK_THAT(api.accounts().get().at(0).health_detail, Catch::Contains("key"));
  CHECK(api.deliveries(post.id).get().at(0).state == "pending");
  CHECK(sandbox.statuses().Size() == 0);

  test::connect_sandbox_account(api, sandbox);  // sealed anew with the key there is now
  CHECK(test::wait_until_settled(api, post.id).at(0).state == "published");
  CHECK(sandbox.statuses().Size() == 1);
}
