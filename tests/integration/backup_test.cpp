// kanalctl backup and restore against a real kanald, on SQLite (the online
// backup) and PostgreSQL (pg_dump and pg_restore).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

#include "api/client/api_client.h"
#include "core/error.h"
#include "support/child_process.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/temp_dir.h"

using namespace kanal;
using test::kanalctl;

TEST_CASE(
    "kanalctl backs up the workspace while kanald runs, and a restored workspace publishes and its trail verifies") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  const auto database = kanald.database().url();  // sqlite:PATH, or a team's postgresql://…
  const auto before = api.create_post({"Kept in the backup.", {}}).get();
  api.publish(before.id, {{account.id}}).get();
  REQUIRE(test::wait_until_settled(api, before.id)[0].state == "published");

  // Taken while kanald works: posts are written meanwhile.
  test::TempDir backups;
  const auto file = (backups.path() / "kanal-backup.db").string();
  std::thread writer([&] {
    for (int i = 0; i < 20; ++i) api.create_post({"Written during the backup " + std::to_string(i), {}}).get();
  });
  const auto backed_up = kanalctl(kanald, {"backup", file, "--database", database});
  writer.join();
  INFO(backed_up.out);
  REQUIRE(backed_up.exit_code == 0);
  CHECK_THAT(backed_up.out, Catch::Contains("Backed up"));
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::group_all) ==
        std::filesystem::perms::none);
  const auto after = api.create_post({"Written after the backup.", {}}).get();

  // Not while kanald runs.
  const auto refused = kanalctl(kanald, {"restore", file, "--database", database});
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.out, Catch::Contains("stop"));
  // Not from something that is no Kanal database.
  const auto garbage = (backups.path() / "garbage.db").string();
  std::ofstream(garbage) << "not a database";
  kanald.stop();
  CHECK(kanalctl(kanald, {"restore", garbage, "--database", database}).exit_code != 0);

  const auto restored = kanalctl(kanald, {"restore", file, "--database", database});
  INFO(restored.out);
  REQUIRE(restored.exit_code == 0);
  CHECK_THAT(restored.out, Catch::Contains("kept as"));
  // What it replaced is kept, and as private as the backup.
  const auto kept = restored.out.substr(restored.out.find("kept as ") + 8);
  const auto kept_file = kept.substr(0, kept.find(". Start"));
  REQUIRE(std::filesystem::exists(kept_file));
  CHECK((std::filesystem::status(kept_file).permissions() &
         (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) == std::filesystem::perms::none);
  kanald.start();
  client::ApiClient again(kanald.endpoint());
  CHECK(again.get_post(before.id).get().state == PostState::published);
  CHECK_THROWS_AS(again.get_post(after.id).get(), Error);  // written after the backup
  const auto verified = kanalctl(kanald, {"audit", "verify"});
  INFO(verified.out);
  CHECK(verified.exit_code == 0);

  // The restored workspace publishes (its account's credentials open with the workspace key).
  const auto next = again.create_post({"Published from the restored workspace.", {}}).get();
  again.publish(next.id, {{account.id}}).get();
  CHECK(test::wait_until_settled(again, next.id)[0].state == "published");
  CHECK(sandbox.statuses().Size() == 2);
}

TEST_CASE("a team database kanalctl cannot reach gives a clear error that names no password") {
  test::TempDir dir;
  const auto file = (dir.path() / "team.dump").string();
  const auto failed = test::run_program({test::program("kanalctl").string(), "backup", file, "--database",
                                         "postgresql://kanal:s%40cret-word@127.0.0.1:1/kanal"});
  CHECK(failed.exit_code == 1);
  CHECK_THAT(failed.out, Catch::Contains("pg_dump failed"));
  CHECK_THAT(failed.out, !Catch::Contains("cret-word"));
  CHECK_FALSE(std::filesystem::exists(file));
  CHECK_FALSE(std::filesystem::exists(file + ".part"));
}
