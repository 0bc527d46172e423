// The audit trail through kanald and kanalctl: verified, exported for a
// records request, and a row edited behind kanald's back is found.
#include <catch2/catch.hpp>

#include <sstream>

#include "api/client/api_client.h"
#include "core/json.h"
#include "store/database.h"
#include "support/audit_tamper.h"
#include "support/child_process.h"
#include "support/errors.h"
#include "support/eventually.h"
#include "support/kanald_process.h"
#include "support/temp_dir.h"

using namespace kanal;
using test::kanalctl;
using namespace Poco::Data::Keywords;

namespace {

std::string today() { return to_iso8601(SystemClock{}.now()).substr(0, 10); }

}  // namespace

TEST_CASE("the audit trail verifies, exports each version for a records request, and finds a changed row") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const Post post = api.create_post({"Barnbidraget betalas ut den 20:e.", {}}).get();
  wire::UpdatePostRequest edit;
  edit.version = post.version;
  edit.text = "Barnbidraget betalas ut den 25:e.";
  api.update_post(post.id, edit).get();
  api.delete_post(post.id).get();

  const auto verified = kanalctl(kanald, {"audit", "verify"});
  CHECK(verified.exit_code == 0);
  CHECK_THAT(verified.out, Catch::Contains("intact: 3 events"));
  CHECK(api.verify_audit().get().intact);
  // Who the events name: in local mode, the OS user, the workspace's admin.
  const auto users = api.users().get();
  REQUIRE(users.size() == 1);
  CHECK(users[0].role == Role::admin);
  CHECK(api.audit("").get().events.at(0).actor == users[0].id);

  // Every version's content, in order, as JSON Lines; the same as CSV.
  const auto jsonl = kanalctl(kanald, {"audit", "export", "--from", today(), "--to", today()});
  REQUIRE(jsonl.exit_code == 0);
  std::istringstream lines(jsonl.out);
  std::vector<std::string> actions;
  std::vector<std::string> texts;
  for (std::string line; std::getline(lines, line);) {
    const auto event = json::parse_json(line);
    actions.emplace_back(event["action"].GetString());
    const auto detail = json::parse_json(event["detail"].GetString());
    if (detail.IsObject() && detail.HasMember("text")) texts.emplace_back(detail["text"].GetString());
  }
  CHECK(actions == std::vector<std::string>{"post.create", "post.edit", "post.delete"});
  CHECK(texts.at(0) == "Barnbidraget betalas ut den 20:e.");
  CHECK(texts.at(1) == "Barnbidraget betalas ut den 25:e.");
  const auto csv = kanalctl(kanald, {"audit", "export", "--from", today(), "--to", today(), "--format", "csv"});
  CHECK_THAT(csv.out, Catch::StartsWith("seq,id,at,actor_id,action") && Catch::Contains("\"post.edit\""));
  CHECK(kanalctl(kanald, {"audit", "export", "--from", "yesterday", "--to", today()}).exit_code == 2);

  // Someone edits the record of the edit straight in the database.
  kanald.stop();
  {
    auto db = kanald.database().open();
    db->transact([](Poco::Data::Session& s) {
      test::drop_audit_guards(s);
      s << "UPDATE audit_events SET detail = '{\"text\":\"Barnbidraget betalas ut den 28:e.\"}' WHERE seq = 2", now;
      return 0;
    });
  }
  kanald.start();
  const auto broken = kanalctl(kanald, {"audit", "verify"});
  CHECK(broken.exit_code == 1);
  CHECK_THAT(broken.out, Catch::Contains("BROKEN at event 2") && Catch::Contains("changed after it was recorded"));
}

TEST_CASE("kanalctl audit verify with an anchor finds a chain rebuilt from its middle and a row inserted by hand") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  for (const char* text : {"Bostadsbidrag: ansök senast den 30:e.", "Nya öppettider i Kiruna.",
                           "Föräldrapenning: så fungerar det.", "Vi svarar på frågor i kväll."}) {
    api.create_post({text, {}}).get();
  }
  // kanald keeps one a day in the workspace, from its first start with a trail.
  kanald.stop();
  kanald.start();
  const auto kept = kanald.data_dir() / "audit-anchors";
  const auto files_kept = [&] {
    std::error_code error;
    const std::filesystem::directory_iterator entries(kept, error);
    return error ? 0 : std::distance(std::filesystem::begin(entries), std::filesystem::end(entries));
  };
  CHECK(test::eventually([&] { return files_kept() == 1; }));
  api.create_post({"Ett inlägg till före ankaret.", {}}).get();

  test::TempDir files;
  const auto anchor = files.path() / "anchor.json";
  const auto anchored = kanalctl(kanald, {"audit", "anchor", "--output", anchor.string()});
  REQUIRE(anchored.exit_code == 0);
  CHECK_THAT(anchored.out, Catch::Contains("anchored at event 5"));
  CHECK((std::filesystem::status(anchor).permissions() & std::filesystem::perms::others_read) ==
        std::filesystem::perms::none);
  CHECK(files_kept() == 2);  // kanald keeps a copy of every anchor it signs
  api.create_post({"Ett till inlägg efter ankaret.", {}}).get();
  const auto holding = kanalctl(kanald, {"audit", "verify", "--anchor", anchor.string()});
  CHECK(holding.exit_code == 0);
  CHECK_THAT(holding.out,
             Catch::Contains("intact: 6 events") && Catch::Contains("event 5 is the one the anchor names"));

  // Someone with the database rewrites event 2 and seals the chain again from there.
  kanald.stop();
  kanald.database().open()->transact([](Poco::Data::Session& s) {
    test::rebuild_chain_from(s, 2, R"({"text":"Bostadsbidrag: ansök senast den 31:a."})");
    return 0;
  });
  kanald.start();
  CHECK(kanalctl(kanald, {"audit", "verify"}).exit_code == 0);  // a whole new chain holds together
  const auto caught = kanalctl(kanald, {"audit", "verify", "--anchor", anchor.string()});
  CHECK(caught.exit_code == 1);
  CHECK_THAT(caught.out, Catch::Contains("BROKEN at event 5") && Catch::Contains("rebuilt"));

  // A row slipped in by hand is never sealed, and verify names it.
  kanald.database().open()->transact([](Poco::Data::Session& s) {
    s << "INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail) "
         "VALUES (1790000000000, NULL, 'post.approve', 'post', 1, '{}')",
        now;
    return 0;
  });
  api.create_post({"Kanald skriver vidare.", {}}).get();
  const auto inserted = kanalctl(kanald, {"audit", "verify"});
  CHECK(inserted.exit_code == 1);
  CHECK_THAT(inserted.out, Catch::Contains("not sealed") && Catch::Contains("behind kanald's back"));
}

TEST_CASE("the audit API refuses bad filters with the parameter's name") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  for (const char* query : {"from=last+week", "limit=0", "limit=5000", "format=xml", "object_id=abc"}) {
    INFO(query);
    CHECK(test::error_code_of([&] { api.audit(query).get(); }) == ErrorCode::invalid_input);
  }
}

TEST_CASE("an admin replaces the approval policy: a wrong file is refused with its line, a good one is on record") {
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  client::ApiClient api(kanald.endpoint());
  CHECK_THAT(kanalctl(kanald, {"policy", "show"}).out,
             Catch::Contains("Everything else is reviewed by the line manager"));

  test::TempDir files;
  const auto wrong = files.path() / "wrong.txt";
  test::write_file(wrong, "Everything: always -> line_manager\nToo late: rights -> subject_expert\n");
  const auto refused = kanalctl(kanald, {"policy", "import", wrong.string()});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.out, Catch::Contains("policy line 2") && Catch::Contains("never match"));

  const auto strict = files.path() / "strict.txt";
  test::write_file(strict, "# Stricter during the election period\nEverything: always -> director\n");
  CHECK(kanalctl(kanald, {"policy", "import", strict.string()}).exit_code == 0);
  CHECK_THAT(api.policy().get(), Catch::Contains("always -> director"));
  const auto changes = api.audit("action=document.change").get().events;
  REQUIRE(changes.size() == 1);
  CHECK_THAT(changes[0].detail,
             Catch::Contains("Everything else is reviewed") && Catch::Contains("always -> director"));
  CHECK(api.verify_audit().get().intact);
}

TEST_CASE("a policy that is not valid UTF-8, or empty, is refused and the one in force stays") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const std::string before = api.policy().get();
  // Not UTF-8, it is no JSON string either.
  CHECK(test::error_code_of([&] { api.replace_policy("Everything: always -> none\xFF\n").get(); }) ==
        ErrorCode::malformed_json);
  CHECK(test::error_code_of([&] { api.replace_policy("# only a comment\n").get(); }) == ErrorCode::invalid_input);
  CHECK(api.policy().get() == before);
  CHECK(api.audit("action=document.change").get().events.empty());
}

TEST_CASE("kanalctl audit export --output writes the file, and says so when it cannot") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  api.create_post({"Öppet hus på fredag.", {}}).get();
  test::TempDir files;
  const auto file = files.path() / "export.csv";
  const auto day = today();
  CHECK(kanalctl(kanald, {"audit", "export", "--from", day, "--to", day, "--format", "csv", "--output", file.string()})
            .exit_code == 0);
  CHECK_THAT(test::read_text_file(file), Catch::Contains("Öppet hus"));
  const auto refused = kanalctl(kanald, {"audit", "export", "--from", day, "--to", day, "--output",
                                         (files.path() / "no-such-folder" / "x.jsonl").string()});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.out, Catch::Contains("could not write"));
}
