// Where the workspace key is kept when there is no OS keyring (a service, a
// server, CI without a session bus): an owner-only file; and the refusals
// that keep a workspace from getting a second key.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>

#include "core/error.h"
#include "store/workspace_key.h"
#include "support/temp_dir.h"

using namespace kanal;
using namespace kanal::store;

namespace {

// No session bus: libsecret has no keyring to reach.
struct NoKeyring {
  std::string saved;
  bool had = false;
  NoKeyring() {
    if (const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS")) {
      saved = address;
      had = true;
    }
    ::unsetenv("DBUS_SESSION_BUS_ADDRESS");
  }
  ~NoKeyring() {
    if (had) ::setenv("DBUS_SESSION_BUS_ADDRESS", saved.c_str(), 1);
  }
};

}  // namespace

TEST_CASE("without a keyring the key goes to an owner-only file, and stays the same") {
  NoKeyring no_keyring;
  test::TempDir dir;
  auto first = open_workspace_key(dir.path(), KeyStore::automatic);
  CHECK_THAT(first.location, Catch::Contains("secret.key"));
  CHECK_THAT(first.location, Catch::Contains("no OS keyring"));
  struct stat info {};
  REQUIRE(::stat((dir.path() / "secret.key").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "secret.key.in-keyring"));

  const auto sealed = first.box.seal("access-token-123");
  auto again = open_workspace_key(dir.path(), KeyStore::automatic);
  CHECK(again.box.open(sealed) == "access-token-123");
  CHECK(open_workspace_key(dir.path(), KeyStore::file).box.open(sealed) == "access-token-123");
}

TEST_CASE("a workspace whose key is in the keyring refuses to start without it") {
  NoKeyring no_keyring;
  test::TempDir dir;
  test::write_file(dir.path() / "secret.key.in-keyring", "in the keyring\n");
  try {
    open_workspace_key(dir.path(), KeyStore::automatic);
    FAIL("a new key was made for a workspace whose key is in the keyring");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::unavailable);
    CHECK_THAT(e.detail(), Catch::Contains("kept in the OS keyring"));
  }
  CHECK_FALSE(std::filesystem::exists(dir.path() / "secret.key"));

  test::TempDir fresh;
  CHECK_THROWS_AS(open_workspace_key(fresh.path(), KeyStore::keyring), Error);
  CHECK_FALSE(std::filesystem::exists(fresh.path() / "secret.key"));
}

TEST_CASE("key store names parse") {
  CHECK(parse_key_store("auto") == KeyStore::automatic);
  CHECK(parse_key_store("keyring") == KeyStore::keyring);
  CHECK(parse_key_store("file") == KeyStore::file);
  CHECK_FALSE(parse_key_store("vault"));
}
