// The workspace key in a real OS keyring: GNOME Keyring's Secret Service on
// a private session bus (tests/support/with-keyring.sh), reached through
// libsecret as on a desktop — and kanald using it.
#include <catch2/catch.hpp>

#include "api/client/api_client.h"
#include "store/keyring.h"
#include "store/workspace_key.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/temp_dir.h"

using namespace kanal;
using namespace kanal::store;

TEST_CASE("the key goes to the OS keyring and comes back from it") {
  test::TempDir dir;
  auto first = open_workspace_key(dir.path(), KeyStore::automatic);
  CHECK(first.location == "the OS keyring");
  CHECK_FALSE(std::filesystem::exists(dir.path() / "secret.key"));  // nothing on disk to steal
  CHECK(std::filesystem::exists(dir.path() / "secret.key.in-keyring"));
  const auto workspace = std::filesystem::weakly_canonical(dir.path()).string();
  REQUIRE(keyring::lookup(workspace));
  CHECK(*keyring::lookup(workspace) == first.box.to_text());

  const auto sealed = first.box.seal("access-token-456");
  CHECK(open_workspace_key(dir.path(), KeyStore::keyring).box.open(sealed) == "access-token-456");
  // Another workspace gets a key of its own.
  test::TempDir other;
  CHECK_THROWS(open_workspace_key(other.path(), KeyStore::automatic).box.open(sealed));
}

TEST_CASE("kanald seals account credentials with the key from the keyring") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({"--key-store", "auto"});
  client::ApiClient api(kanald.endpoint());
  auto account = test::connect_sandbox_account(api, sandbox);
  CHECK_THAT(kanald.log(), Catch::Contains("workspace key in the OS keyring"));
  CHECK_FALSE(std::filesystem::exists(kanald.data_dir() / "secret.key"));
  auto post = api.create_post({"Nyckeln ligger i nyckelringen."}).get();
  api.publish(post.id, {{account.id}}).get();
  CHECK(test::wait_until_settled(api, post.id).at(0).state == "published");
}

TEST_CASE("--key-store file keeps the key in a file even where a keyring answers") {
  test::KanaldProcess kanald({"--key-store", "file"});
  CHECK_THAT(kanald.log(), Catch::Contains("workspace key in " + (kanald.data_dir() / "secret.key").string()));
  CHECK(std::filesystem::exists(kanald.data_dir() / "secret.key"));
  CHECK_FALSE(std::filesystem::exists(kanald.data_dir() / "secret.key.in-keyring"));
}
