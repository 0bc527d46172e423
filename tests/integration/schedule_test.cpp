// Scheduling against a real kanald and the sandbox, on the real clock: a
// post goes out at its time and only once; one without its approval is
// held, with the reason on record; a cancelled one never goes out.

#include <catch2/catch.hpp>

#include <date/tz.h>

#include <thread>

#include "api/client/api_client.h"
#include "core/error.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/eventually.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/team.h"
#include "support/template_post.h"

using namespace kanal;
using test::error_code_of;

namespace {

constexpr const char* kZone = "Europe/Stockholm";

// Now plus `ahead`, as a Stockholm wall-clock time with seconds.
std::string stockholm_in(std::chrono::seconds ahead) {
  const auto at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + ahead;
  return date::format("%Y-%m-%dT%H:%M:%S", date::make_zoned(kZone, at).get_local_time());
}

}  // namespace

TEST_CASE("a scheduled post goes out at its time and once, and one without its approval is held") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  test::Team team(kanald);
  const auto account = test::connect_sandbox_account(team.admin(), sandbox);
  auto& officer = team.add("olle", Role::officer);

  // A routine template post, three seconds from now on the clock in Stockholm.
  const auto routine = test::create_template_post(officer);
  const auto scheduled =
      officer.schedule_post(routine.id, {{account.id}, stockholm_in(std::chrono::seconds(3)), kZone}).get();
  CHECK(scheduled.state == "scheduled");
  CHECK(scheduled.approval_note.empty());
  CHECK(sandbox.statuses().Size() == 0);  // not early
  REQUIRE(test::eventually([&] { return sandbox.statuses().Size() == 1; }, std::chrono::seconds(15)));
  CHECK(std::chrono::system_clock::now() >= scheduled.due_at);
  CHECK(officer.schedule_of(routine.id).get().state == "queued");
  std::this_thread::sleep_for(std::chrono::seconds(1));
  CHECK(sandbox.statuses().Size() == 1);  // once

  // Free text needs the line manager; nobody approved it by its time.
  const auto unapproved = officer.create_post({"Our office in Kiruna is closed on Friday.", {}}).get();
  const auto waiting =
      officer.schedule_post(unapproved.id, {{account.id}, stockholm_in(std::chrono::seconds(2)), kZone}).get();
  CHECK_THAT(waiting.approval_note, Catch::Contains("needs approval (line_manager)"));
  REQUIRE(test::eventually([&] { return officer.schedule_of(unapproved.id).get().state == "held"; },
                           std::chrono::seconds(15)));
  CHECK_THAT(officer.schedule_of(unapproved.id).get().reason, Catch::Contains("needs approval"));
  CHECK(team.admin().audit("action=post.held").get().events.size() == 1);
  CHECK(sandbox.statuses().Size() == 1);

  // Cancelled in time: it never goes out.
  const auto later = test::create_template_post(officer);
  officer.schedule_post(later.id, {{account.id}, stockholm_in(std::chrono::seconds(60)), kZone}).get();
  officer.unschedule(later.id).get();
  CHECK(officer.schedule_of(later.id).get().state == "cancelled");
  CHECK(error_code_of([&] { officer.unschedule(later.id).get(); }) == ErrorCode::not_found);

  // What people mistype is refused, naming the field.
  CHECK(error_code_of([&] {
          officer.schedule_post(later.id, {{account.id}, "2026-12-18T09:00", "Europe/Atlantis"}).get();
        }) == ErrorCode::invalid_input);
  CHECK(error_code_of([&] {
          officer.schedule_post(later.id, {{account.id}, "18/12 9am", kZone}).get();
        }) == ErrorCode::invalid_input);
  CHECK(team.admin().verify_audit().get().intact);
}

TEST_CASE("a disabled or demoted person's scheduled posts are held for someone else, not sent") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  test::Team team(kanald);
  const auto account = test::connect_sandbox_account(team.admin(), sandbox);
  auto& leaving = team.add("lena", Role::officer);
  auto& moved = team.add("mats", Role::officer);

  const auto by_lena = leaving.create_post({"Öppet hus i Luleå på lördag.", {}}).get();
  leaving.schedule_post(by_lena.id, {{account.id}, stockholm_in(std::chrono::seconds(3)), kZone}).get();
  const auto by_mats = moved.create_post({"Nya öppettider i Kiruna.", {}}).get();
  moved.schedule_post(by_mats.id, {{account.id}, stockholm_in(std::chrono::seconds(3)), kZone}).get();
  // Lena leaves the agency; Mats moves to the records office.
  team.admin().update_user(team.user("lena").id, {std::nullopt, std::nullopt, true}).get();
  team.admin().update_user(team.user("mats").id, {std::nullopt, Role::records_officer, std::nullopt}).get();

  for (const auto& [post, who] : {std::pair{by_lena.id, "disabled"}, std::pair{by_mats.id, "records_officer"}}) {
    INFO(who);
    REQUIRE(test::eventually([&] { return team.admin().schedule_of(post).get().state == "held"; },
                             std::chrono::seconds(15)));
    CHECK_THAT(team.admin().schedule_of(post).get().reason, Catch::Contains(who));
  }
  CHECK(sandbox.statuses().Size() == 0);
  // Someone who may publish sends it on as theirs.
  team.admin().publish(by_lena.id, {{account.id}}).get();
  CHECK(test::wait_until_settled(team.admin(), by_lena.id).at(0).state == "published");
}
