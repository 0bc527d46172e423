// kanald refuses to start, with a clear message and without touching the
// data, when it cannot run safely.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>
#include <set>

#include "api/client/api_client.h"
#include "core/paths.h"
#include "store/database.h"
#include "store/migrations.h"
#include "support/child_process.h"
#include "support/kanald_process.h"
#include "support/temp_dir.h"

using namespace kanal;

namespace {

test::RunResult run_kanald(const std::filesystem::path& data_dir, const std::string& listen = "127.0.0.1:0") {
  std::vector<std::string> argv{test::program("kanald").string(), "--data-dir", data_dir.string(), "--listen", listen};
  return test::run_program(argv, {}, std::chrono::seconds(30));
}

}  // namespace

TEST_CASE("kanald refuses a non-loopback address without TLS") {
  test::TempDir dir;
  auto result = run_kanald(dir.path(), "0.0.0.0:8080");
  CHECK(result.exit_code != 0);
  CHECK_THAT(result.out, Catch::Contains("refusing to listen on 0.0.0.0:8080") && Catch::Contains("TLS"));
}

TEST_CASE("kanald refuses a database file that is not SQLite, and leaves it alone") {
  test::TempDir dir;
  const std::string notes = "minutes of the comms team meeting\n";
  { std::ofstream(dir.path() / "kanal.db") << notes; }
  auto result = run_kanald(dir.path());
  CHECK(result.exit_code != 0);
  CHECK_THAT(result.out, Catch::Contains("not a SQLite database") && Catch::Contains("not modified"));
  CHECK(test::read_text_file(dir.path() / "kanal.db") == notes);
}

TEST_CASE("kanald refuses a database from a newer Kanal") {
  test::TempDir dir;
  {
    auto db = store::Database::open("sqlite:" + (dir.path() / "kanal.db").string(), {});
    store::migrate(*db);
    db->transact([](Poco::Data::Session& s) {
      s << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (42, 'future', 0)",
          Poco::Data::Keywords::now;
    });
  }
  auto result = run_kanald(dir.path());
  CHECK(result.exit_code != 0);
  CHECK_THAT(result.out, Catch::Contains("schema version 42") && Catch::Contains("Upgrade Kanal"));
}

TEST_CASE("kanald refuses a read-only database file") {
  test::TempDir dir;
  {
    auto db = store::Database::open("sqlite:" + (dir.path() / "kanal.db").string(), {});
    store::migrate(*db);
  }
  std::filesystem::permissions(dir.path() / "kanal.db", std::filesystem::perms::owner_read |
                                                            std::filesystem::perms::group_read |
                                                            std::filesystem::perms::others_read);
  std::vector<std::string> argv{test::program("kanald").string(), "--data-dir", dir.path().string(), "--listen",
                                "127.0.0.1:0"};
  if (::geteuid() == 0) {
    // root writes to read-only files anyway: run kanald as an ordinary user.
    std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      if (::chown(entry.path().c_str(), 65534, 65534) != 0) FAIL("chown failed");
    }
    REQUIRE(::chown(dir.path().c_str(), 65534, 65534) == 0);
    argv.insert(argv.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
  }
  const auto before = test::read_text_file(dir.path() / "kanal.db");
  auto result = test::run_program(argv, {}, std::chrono::seconds(30));
  CHECK(result.exit_code != 0);
  CHECK_THAT(result.out, Catch::Contains("read-only"));
  CHECK(test::read_text_file(dir.path() / "kanal.db") == before);
}

TEST_CASE("a second kanald on the same workspace is refused") {
  test::KanaldProcess first;
  auto second = run_kanald(first.data_dir());
  CHECK(second.exit_code != 0);
  CHECK_THAT(second.out, Catch::Contains("already running"));
  // The first one is unharmed.
  client::ApiClient api(first.endpoint());
  CHECK_NOTHROW(api.health().get());
}

TEST_CASE("kanald serves with a single HTTP thread") {
  test::KanaldProcess kanald({"--http-threads", "1"});
  client::ApiClient api(kanald.endpoint());
  CHECK(api.create_post({"one thread is enough for one officer", {}}).get().id.valid());
}

TEST_CASE("the workspace kanald makes is its owner's alone: the folder and everything in it") {
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);  // kanald makes the folder itself
  client::ApiClient api(kanald.endpoint());
  api.create_post({"Öppet hus på fredag.", {}}).get();
  api.anchor_audit().get();
  const auto private_to_owner = [](const std::filesystem::path& path) {
    return (std::filesystem::status(path).permissions() &
            (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) == std::filesystem::perms::none;
  };
  CHECK(private_to_owner(kanald.data_dir()));
  std::set<std::string> seen;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kanald.data_dir())) {
    INFO(entry.path());
    CHECK(private_to_owner(entry.path()));
    seen.insert(entry.path().filename().string());
  }
  // The log, an anchor (the workspace's documents are in the database).
  for (const char* name : {"kanald.log", "audit-anchors"}) {
    INFO(name);
    CHECK(seen.count(name) == 1);
  }
  // The database and its write-ahead log (the test's is kept beside the workspace).
  const std::filesystem::path database = kanald.database().url().substr(std::string("sqlite:").size());
  for (const auto& file : {database, std::filesystem::path(database.string() + "-wal")}) {
    INFO(file);
    REQUIRE(std::filesystem::exists(file));
    CHECK(private_to_owner(file));
  }
}

TEST_CASE("a workspace made with wider rights is made private at start") {
  test::KanaldProcess kanald;
  kanald.stop();
  const auto text_file = kanald.data_dir() / "policy.txt.imported";
  std::filesystem::permissions(text_file, std::filesystem::perms::group_read | std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  kanald.start();
  CHECK((std::filesystem::status(text_file).permissions() &
         (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) == std::filesystem::perms::none);
}

TEST_CASE("the access token and endpoint files are private to their owner") {
  test::KanaldProcess kanald;
  for (const auto& file : {token_file(kanald.data_dir()), endpoint_file(kanald.data_dir())}) {
    const auto perms = std::filesystem::status(file).permissions();
    CHECK((perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
          std::filesystem::perms::none);
  }
}
