// kanalctl against a real kanald: output, --json, and exit codes.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "api/wire/messages.h"
#include "core/error.h"
#include "support/child_process.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/temp_dir.h"

using namespace kanal;
using test::kanalctl;

TEST_CASE("kanalctl finds the local kanald and manages drafts") {
  test::KanaldProcess kanald;
  auto status = kanalctl(kanald, {"status"});
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::Contains("connected"));

  auto created = kanalctl(kanald, {"post", "create", "--text", "Ny blankett för bostadsbidrag"});
  CHECK(created.exit_code == 0);
  CHECK_THAT(created.out, Catch::Contains("Created draft 1"));

  auto from_stdin = kanalctl(kanald, {"--json", "post", "create", "--text", "-"}, "Läs mer på vår webbplats.\n");
  CHECK(from_stdin.exit_code == 0);
  auto post = wire::parse_post(from_stdin.out);
  CHECK(post.text == "Läs mer på vår webbplats.\n");

  auto list = kanalctl(kanald, {"post", "list"});
  CHECK(list.exit_code == 0);
  CHECK_THAT(list.out, Catch::Contains("Ny blankett för bostadsbidrag") && Catch::Contains("draft"));

  auto json_list = kanalctl(kanald, {"post", "list", "--json"});
  CHECK(wire::parse_post_list(json_list.out).items.size() == 2);

  auto show = kanalctl(kanald, {"post", "show", "1"});
  CHECK(show.exit_code == 0);
  CHECK_THAT(show.out, Catch::Contains("Post 1 (draft, version 1)"));

  CHECK(kanalctl(kanald, {"post", "delete", "1"}).exit_code == 0);
  auto gone = kanalctl(kanald, {"post", "show", "1"});
  CHECK(gone.exit_code == 1);
  CHECK_THAT(gone.out, Catch::Contains("no post 1"));
}

TEST_CASE("kanalctl uses the workspace token only when asked and its owner alone can rotate it") {
  test::KanaldProcess kanald;
  const auto bare = [&](std::vector<std::string> args, const std::string& input = {}) {
    std::vector<std::string> argv{test::program("kanalctl").string(), "--data-dir", kanald.data_dir().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_program(argv, input);
  };
  const auto nobody = bare({"post", "list"});
  CHECK(nobody.exit_code == 2);
  CHECK_THAT(nobody.out, Catch::Contains("sign-in") && Catch::Contains("--as-owner"));
  CHECK_THAT(bare({"status"}).out, Catch::Contains("nobody signed in"));
  CHECK_THAT(bare({"--as-owner", "status"}).out, Catch::Contains("signed in as"));

  // A person signs in and acts as themselves through the local kanald.
  REQUIRE(
      kanalctl(kanald, {"user", "add", "ada", "--role", "admin", "--name", "Ada Admin"}, "a long password for ada\n")
          .exit_code == 0);
  const auto signed_in = bare({"sign-in", "ada"}, "a long password for ada\n");
  REQUIRE(signed_in.exit_code == 0);
  const auto ada = signed_in.out.substr(0, signed_in.out.find('\n'));
  CHECK_THAT(bare({"--token", ada, "status"}).out, Catch::Contains("signed in as ada"));
  CHECK(bare({"--token", ada, "--as-owner", "status"}).exit_code == 2);
  // An admin is not the desktop's owner: the workspace token is not theirs to rotate.
  const auto refused = bare({"--token", ada, "token", "rotate"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.out, Catch::Contains("only this desktop's owner"));

  const auto rotated = bare({"--as-owner", "token", "rotate"});
  INFO(rotated.out);
  REQUIRE(rotated.exit_code == 0);
  // The old token is refused at once; the workspace's file holds the new one.
  client::ApiClient old_token(kanald.endpoint(), 1);
  CHECK(test::error_code_of([&] { old_token.me().get(); }) == ErrorCode::unauthorized);
  const auto now_local = client::discover_local(kanald.data_dir().string());
  REQUIRE(now_local);
  CHECK(now_local->token != kanald.endpoint().token);
  CHECK(client::ApiClient(*now_local, 1).me().get().workspace_owner);
  CHECK_THAT(bare({"--as-owner", "status"}).out, Catch::Contains("signed in as"));
  CHECK_THAT(bare({"--as-owner", "audit", "list", "--action", "workspace.token_rotated"}).out,
             Catch::Contains("workspace.token_rotated"));
}

TEST_CASE("kanalctl exit codes: 2 for usage, 1 for a refusal or no kanald") {
  test::KanaldProcess kanald;
  CHECK(kanalctl(kanald, {"frobnicate"}).exit_code == 2);
  CHECK(kanalctl(kanald, {"post", "show", "abc"}).exit_code == 2);
  CHECK(kanalctl(kanald, {"post", "create"}).exit_code == 2);
  CHECK(kanalctl(kanald, {"--bogus", "status"}).exit_code == 2);
  auto empty = kanalctl(kanald, {"post", "create", "--text", ""});
  CHECK(empty.exit_code == 1);
  CHECK_THAT(empty.out, Catch::Contains("text must not be empty"));

  auto with_server = test::run_program({test::program("kanalctl").string(), "--server", kanald.endpoint().url,
                                        "--token", kanald.endpoint().token, "status"});
  CHECK(with_server.exit_code == 0);
  auto wrong_token = test::run_program(
      {test::program("kanalctl").string(), "--server", kanald.endpoint().url, "--token", "nope", "post", "list"});
  CHECK(wrong_token.exit_code == 1);
  CHECK_THAT(wrong_token.out, Catch::Contains("not valid"));

  kanald.stop();
  auto offline = kanalctl(kanald, {"status"});
  CHECK(offline.exit_code == 1);
  CHECK_THAT(offline.out, Catch::Contains("no local kanald"));
}

TEST_CASE("kanalctl --help and --version") {
  auto help = test::run_program({test::program("kanalctl").string(), "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("post create"));
  auto version = test::run_program({test::program("kanalctl").string(), "--version"});
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, Catch::Contains("kanalctl 0."));
}

TEST_CASE("kanalctl lists accounts and publishes through one") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto started = api.connect_account({"mastodon", sandbox.url()}).get();
  client::HttpRequest follow;
  follow.url = sandbox.approve_in_browser(started.authorize_url);
  REQUIRE(client::perform(follow).status == 200);

  auto accounts = kanalctl(kanald, {"account", "list"});
  CHECK(accounts.exit_code == 0);
  CHECK_THAT(accounts.out, Catch::Contains("@kanal_demo@127.0.0.1") && Catch::Contains("ok"));

  CHECK(kanalctl(kanald, {"post", "create", "--text", "Från kommandoraden"}).exit_code == 0);
  CHECK(kanalctl(kanald, {"post", "publish", "1", "--accounts", "1"}).exit_code == 0);
  CHECK(kanalctl(kanald, {"post", "publish", "1"}).exit_code == 2);
  std::string deliveries;
  for (int i = 0; i < 200 && deliveries.find("published") == std::string::npos; ++i) {
    deliveries = kanalctl(kanald, {"post", "deliveries", "1"}).out;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK_THAT(deliveries, Catch::Contains("published") && Catch::Contains(sandbox.url()));
  CHECK(sandbox.statuses().Size() == 1);

  CHECK(kanalctl(kanald, {"account", "disconnect", "1"}).exit_code == 0);
  CHECK_THAT(kanalctl(kanald, {"account", "list"}).out, Catch::Contains("disconnected"));
}

TEST_CASE("kanalctl: an admin adds people, an officer submits, a line manager approves, the officer publishes") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  client::ApiClient api(kanald.endpoint());
  auto started = api.connect_account({"mastodon", sandbox.url()}).get();
  client::HttpRequest follow;
  follow.url = sandbox.approve_in_browser(started.authorize_url);
  REQUIRE(client::perform(follow).status == 200);

  // Passwords come on standard input, never as arguments.
  CHECK(kanalctl(kanald, {"user", "add", "olle", "--role", "officer", "--name", "Olle Officer"},
                 "a long password for olle\n")
            .exit_code == 0);
  CHECK(kanalctl(kanald, {"user", "add", "maja", "--role", "line_manager", "--name", "Maja Manager"},
                 "a long password for maja\n")
            .exit_code == 0);
  CHECK(kanalctl(kanald, {"user", "add", "rut", "--role", "boss", "--name", "Rut"}, "a long password for rut\n")
            .exit_code == 2);
  CHECK_THAT(kanalctl(kanald, {"user", "list"}).out, Catch::Contains("maja — Maja Manager, line_manager"));

  const auto as = [&](const std::string& login, std::vector<std::string> args, const std::string& input = {}) {
    const auto signed_in = kanalctl(kanald, {"sign-in", login}, "a long password for " + login + "\n");
    REQUIRE(signed_in.exit_code == 0);
    std::vector<std::string> argv{"--server", kanald.endpoint().url, "--token",
                                  signed_in.out.substr(0, signed_in.out.find('\n'))};
    argv.insert(argv.end(), args.begin(), args.end());
    return kanalctl(kanald, argv, input);
  };
  CHECK(kanalctl(kanald, {"sign-in", "olle"}, "wrong\n").exit_code == 1);

  CHECK(as("olle", {"post", "create", "--text", "Vårt kontor i Kiruna är stängt på fredag."}).exit_code == 0);
  const auto refused = as("olle", {"post", "publish", "1", "--accounts", "1"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.out, Catch::Contains("needs approval (line_manager)"));
  const auto submitted = as("olle", {"post", "submit", "1", "--accounts", "1"});
  CHECK(submitted.exit_code == 0);
  CHECK_THAT(submitted.out, Catch::Contains("Steps: line_manager") && Catch::Contains("own work"));

  CHECK_THAT(as("maja", {"approvals"}).out, Catch::Contains("post 1 (line_manager"));
  const auto review = as("maja", {"post", "review", "1"});
  const auto at = review.out.find("Content hash: ");
  REQUIRE(at != std::string::npos);
  const auto hash = review.out.substr(at + 14, 12);
  CHECK(as("maja", {"post", "approve", "1"}).exit_code == 2);  // a decision names what was seen
  CHECK(as("maja", {"post", "approve", "1", "--hash", "000000000000"}).exit_code == 1);
  const auto no_comment = as("maja", {"post", "send-back", "1", "--hash", hash});
  CHECK(no_comment.exit_code == 1);
  CHECK_THAT(no_comment.out, Catch::Contains("needs a comment"));
  const auto approved = as("maja", {"post", "approve", "1", "--hash", hash, "--comment", "Fine."});
  CHECK(approved.exit_code == 0);
  CHECK_THAT(approved.out, Catch::Contains("approved by user"));
  CHECK(as("olle", {"post", "publish", "1", "--accounts", "1"}).exit_code == 0);
  CHECK(kanalctl(kanald, {"audit", "verify"}).exit_code == 0);

  // Scheduled for a Monday morning in Stockholm: said back with the UTC moment and what approval it needs.
  CHECK(as("olle", {"post", "create", "--text", "Vi har öppet som vanligt."}).exit_code == 0);
  const auto scheduled = as(
      "olle", {"post", "schedule", "2", "--accounts", "1", "--at", "2030-01-07T09:00", "--zone", "Europe/Stockholm"});
  CHECK(scheduled.exit_code == 0);
  CHECK_THAT(scheduled.out, Catch::Contains("2030-01-07T08:00:00.000Z") && Catch::Contains("needs approval"));
  CHECK(as("olle", {"post", "unschedule", "2"}).exit_code == 0);
  CHECK(as("olle", {"post", "schedule", "2", "--accounts", "1"}).exit_code == 2);
}

TEST_CASE("kanalctl schedules from CSV, repeats and queues posts, exports iCalendar, pauses and resumes") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  test::connect_sandbox_account(api, sandbox);
  test::TempDir files;

  const auto bad = files.path() / "bad.csv";
  test::write_file(bad, "date,time,zone,accounts,text\n2030-02-01,25:00,Europe/Oslo,1,Stengt\n");
  const auto refused = kanalctl(kanald, {"schedule", "import", bad.string()});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.out, Catch::Contains("Nothing was imported") && Catch::Contains("bad.csv:2 [time]"));

  const auto good = files.path() / "good.csv";
  test::write_file(good,
                   "date,time,zone,accounts,text\n"
                   "2030-02-01,09:00,Europe/Oslo,1,Kontoret er stengt fredag.\n"
                   "2030-02-04,09:00,Europe/Oslo,@kanal_demo@127.0.0.1,Kontoret er åpent igjen.\n");
  const auto imported = kanalctl(kanald, {"schedule", "import", good.string()});
  CHECK(imported.exit_code == 0);
  CHECK_THAT(imported.out, Catch::Contains("2 posts imported and scheduled"));

  CHECK(kanalctl(kanald, {"post", "create", "--text", "Påminnelse om utbetalning"}).exit_code == 0);
  const auto repeated = kanalctl(kanald, {"post", "repeat", "3", "--accounts", "1", "--rule", "monthly", "--day", "5",
                                          "--from", "2030-01-01", "--until", "2030-03-31"});
  CHECK(repeated.exit_code == 0);
  CHECK_THAT(repeated.out, Catch::Contains("3 posts scheduled (monthly on day 5"));

  const auto ics = files.path() / "schedule.ics";
  const auto exported = kanalctl(
      kanald, {"schedule", "export", "--ical", "--from", "2030-01-01", "--to", "2030-12-31", "--output", ics.string()});
  CHECK(exported.exit_code == 0);
  std::ifstream file(ics);
  const std::string calendar((std::istreambuf_iterator<char>(file)), {});
  CHECK(calendar.rfind("BEGIN:VCALENDAR", 0) == 0);
  std::size_t events = 0;
  for (auto at = calendar.find("BEGIN:VEVENT"); at != std::string::npos; at = calendar.find("BEGIN:VEVENT", at + 1)) {
    ++events;
  }
  CHECK(events == 5);

  const auto slots = kanalctl(kanald, {"slots", "1", "--set", "mon 09:00,wed 12:30"});
  CHECK(slots.exit_code == 0);
  CHECK_THAT(slots.out, Catch::Contains("mon 09:00 wed 12:30"));
  CHECK(kanalctl(kanald, {"post", "create", "--text", "I kön"}).exit_code == 0);
  CHECK_THAT(kanalctl(kanald, {"post", "queue", "6", "--accounts", "1"}).out, Catch::Contains("goes out at"));

  const auto blackout = kanalctl(kanald, {"blackout", "add", "--name", "Valgkamp", "--from", "2030-09-01T00:00", "--to",
                                          "2030-09-10T00:00", "--zone", "Europe/Oslo"});
  CHECK(blackout.exit_code == 0);
  CHECK_THAT(kanalctl(kanald, {"blackout", "list"}).out, Catch::Contains("Valgkamp"));

  CHECK(kanalctl(kanald, {"pause"}).exit_code == 2);  // the reason is required
  const auto paused = kanalctl(kanald, {"pause", "--reason", "Betalingssystemet er nede"});
  CHECK(paused.exit_code == 0);
  CHECK_THAT(paused.out, Catch::Contains("Publishing is paused (pause 1); nothing more is on its way."));
  const auto resumed = kanalctl(kanald, {"resume", "1"});
  CHECK(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Catch::Contains("Publishing resumed. 0 posts fell due meanwhile"));
  CHECK(kanalctl(kanald, {"resume", "1"}).exit_code == 1);  // not in force any more
}
