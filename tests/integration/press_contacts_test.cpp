// Press contacts end to end, through a real kanald on 127.0.0.1: who may
// read and change them, how handles are checked, the CSV import (all or
// nothing), kanalctl, and the rule that puts each network's own handle of a
// contact into what is counted and what goes out.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "core/error.h"
#include "core/json.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/team.h"
#include "support/temp_dir.h"

using namespace kanal;
using contacts::PressRole;
using test::error_code_of;

namespace {

wire::PressContactRequest anna() {
  return {"Anna Svensson",
          "Dagens Nyheter",
          PressRole::journalist,
          "Föredrar mejl",
          {{"x", "@annasvensson"}, {"bluesky", "anna.bsky.social"}, {"mastodon", "@anna@journalist.social"}}};
}

// The field a refused call names.
std::string field_of_refusal(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    return e.field();
  }
  FAIL("the call was not refused");
  return {};
}

std::vector<std::string> names(const std::vector<contacts::PressContact>& found) {
  std::vector<std::string> out;
  for (const auto& contact : found) out.push_back(contact.name);
  return out;
}

std::vector<std::string> actions(client::ApiClient& api, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& event : api.audit("action=" + prefix + "&limit=100").get().events) out.push_back(event.action);
  return out;
}

// kanald's rule for each installed network: the tests mention handles on X.
void require_networks(client::ApiClient& api) {
  std::vector<std::string> ids;
  for (const auto& network : api.networks().get()) ids.push_back(network.id);
  INFO("installed network plugins: " << ids.size());
  for (const char* needed : {"x", "mastodon", "bluesky"}) {
    INFO(needed);
    REQUIRE(std::find(ids.begin(), ids.end(), needed) != ids.end());
  }
}

client::HttpResponse post_import(const test::KanaldProcess& kanald, const std::string& token, std::string body) {
  client::HttpRequest request;
  request.method = "POST";
  request.url = kanald.endpoint().url + "/api/v1/press-contacts/import";
  request.headers["Authorization"] = "Bearer " + token;
  request.headers["Content-Type"] = "text/csv; charset=utf-8";
  request.body = std::move(body);
  return client::perform(request);
}

}  // namespace

TEST_CASE("an officer finds press contacts and an admin changes them, each change in the audit trail") {
  test::KanaldProcess kanald;
  test::Team team(kanald);
  auto& admin = team.admin();
  require_networks(admin);
  auto& officer = team.add("olga", Role::officer);

  const auto created = admin.create_press_contact(anna()).get();
  CHECK(created.id.valid());
  CHECK(created.handles == std::vector<contacts::NetworkHandle>{{"bluesky", "@anna.bsky.social"},
                                                                {"mastodon", "@anna@journalist.social"},
                                                                {"x", "@annasvensson"}});
  admin.create_press_contact({"Erik Östlund", "Sveriges Radio", PressRole::editor, "", {{"x", "@erikostlund"}}}).get();
  admin.create_press_contact({"Søren Dahl", "Riksdagen", PressRole::politician, "", {}}).get();

  // Anyone signed in finds them, by name, organisation or handle, whatever case and accents.
  CHECK(names(officer.press_contacts({}).get()) ==
        std::vector<std::string>{"Anna Svensson", "Erik Östlund", "Søren Dahl"});
  CHECK(names(officer.press_contacts({"ostl", "", 20}).get()) == std::vector<std::string>{"Erik Östlund"});
  CHECK(names(officer.press_contacts({"SOREN", "", 20}).get()) == std::vector<std::string>{"Søren Dahl"});
  CHECK(names(officer.press_contacts({"sveriges", "", 20}).get()) == std::vector<std::string>{"Erik Östlund"});
  CHECK(names(officer.press_contacts({"@anna.b", "", 20}).get()) == std::vector<std::string>{"Anna Svensson"});
  CHECK(names(officer.press_contacts({"", "x", 20}).get()) ==
        std::vector<std::string>{"Anna Svensson", "Erik Östlund"});
  CHECK(names(officer.press_contacts({"", "mastodon", 20}).get()) == std::vector<std::string>{"Anna Svensson"});
  CHECK(officer.press_contacts({"", "", 1}).get().size() == 1);

  // An officer may not change them, with real contacts to change.
  CHECK(error_code_of([&] { officer.create_press_contact(anna()).get(); }) == ErrorCode::forbidden);
  CHECK(error_code_of([&] { officer.update_press_contact(created.id, anna()).get(); }) == ErrorCode::forbidden);
  CHECK(error_code_of([&] { officer.delete_press_contact(created.id).get(); }) == ErrorCode::forbidden);
  CHECK(error_code_of([&] { officer.import_press_contacts("name\nMaja Ek\n").get(); }) == ErrorCode::forbidden);
  CHECK(officer.press_contacts({}).get().size() == 3);

  auto changed = anna();
  changed.organisation = "Svenska Dagbladet";
  changed.handles = {{"x", "@annasvensson"}};
  const auto updated = admin.update_press_contact(created.id, changed).get();
  CHECK(updated.organisation == "Svenska Dagbladet");
  CHECK(updated.handles.size() == 1);
  CHECK(updated.created_at == created.created_at);
  // The same again changes nothing and records nothing.
  admin.update_press_contact(created.id, changed).get();

  admin.delete_press_contact(created.id).get();
  CHECK(names(officer.press_contacts({"anna", "", 20}).get()).empty());
  CHECK(error_code_of([&] { admin.delete_press_contact(created.id).get(); }) == ErrorCode::not_found);
  CHECK(error_code_of([&] { admin.update_press_contact(created.id, anna()).get(); }) == ErrorCode::not_found);

  CHECK(actions(admin, "press_contact.") == std::vector<std::string>{"press_contact.create", "press_contact.create",
                                                                     "press_contact.create", "press_contact.update",
                                                                     "press_contact.delete"});
  const auto trail = admin.audit("action=press_contact.update&limit=10").get().events;
  REQUIRE(trail.size() == 1);
  CHECK(trail[0].actor == team.admin().me().get().user.id);
  CHECK_THAT(trail[0].detail, Catch::Contains("\"before\"") && Catch::Contains("Dagens Nyheter") &&
                                  Catch::Contains("Svenska Dagbladet"));
  CHECK(admin.verify_audit().get().intact);
}

TEST_CASE("handles are checked by their network's mention style, and a network no plugin knows is refused") {
  test::KanaldProcess kanald;
  client::ApiClient admin(kanald.endpoint());
  require_networks(admin);
  admin.create_press_contact(anna()).get();

  auto with = [](std::vector<contacts::NetworkHandle> handles) {
    auto request = anna();
    request.organisation = "Aftonbladet";
    request.handles = std::move(handles);
    return request;
  };
  CHECK(field_of_refusal([&] { admin.create_press_contact(with({{"x", "@anna.svensson"}})).get(); }) == "handles.x");
  CHECK(field_of_refusal([&] { admin.create_press_contact(with({{"x", "@abcdefghijklmnop"}})).get(); }) == "handles.x");
  CHECK(field_of_refusal([&] { admin.create_press_contact(with({{"bluesky", "@anna"}})).get(); }) == "handles.bluesky");
  CHECK(field_of_refusal([&] {
          admin.create_press_contact(with({{"mastodon", "@anna@localhost"}})).get();
        }) == "handles.mastodon");
  CHECK(field_of_refusal([&] { admin.create_press_contact(with({{"threads", "@anna"}})).get(); }) == "handles.threads");
  // Someone else's handle, in another case.
  CHECK(field_of_refusal([&] { admin.create_press_contact(with({{"x", "@AnnaSvensson"}})).get(); }) == "handles.x");
  // The same person at the same paper, written otherwise.
  auto again = anna();
  again.name = "anna  SVENSSON";
  again.handles = {};
  CHECK(field_of_refusal([&] { admin.create_press_contact(again).get(); }) == "name");
  auto nameless = with({});
  nameless.name = "  ";
  CHECK(field_of_refusal([&] { admin.create_press_contact(nameless).get(); }) == "name");
  auto long_name = with({});
  long_name.name = std::string(201, 'a');
  CHECK(field_of_refusal([&] { admin.create_press_contact(long_name).get(); }) == "name");
  long_name.name = std::string(200, 'a');
  CHECK_NOTHROW(admin.create_press_contact(long_name).get());

  CHECK(field_of_refusal([&] { admin.press_contacts({"", "", 201}).get(); }) == "limit");
  CHECK(field_of_refusal([&] { admin.press_contacts({"", "threads", 20}).get(); }) == "network");
  CHECK(admin.press_contacts({"", "", 200}).get().size() == 2);
}

TEST_CASE("a CSV import adds, updates and leaves alone, and a file with a fault imports nothing") {
  test::KanaldProcess kanald;
  test::Team team(kanald);
  auto& admin = team.admin();
  require_networks(admin);

  const std::string file =
      "\xEF\xBB\xBFname;organisation;role;notes;x;bluesky;mastodon\r\n"
      "Anna Svensson;Dagens Nyheter;journalist;\"Mejl; inte telefon\";@annasvensson;anna.bsky.social;\r\n"
      "Erik Östlund;Sveriges Radio;editor;;@erikostlund;;@erik@journalist.social\r\n"
      "Søren Dahl;Riksdagen;politician;;;;\r\n";
  const auto first = admin.import_press_contacts(file).get();
  CHECK(first.faults.empty());
  CHECK(first.added == 3);
  CHECK(first.updated == 0);
  const auto imported = admin.press_contacts({"anna", "", 20}).get();
  REQUIRE(imported.size() == 1);
  CHECK(imported[0].notes == "Mejl; inte telefon");
  CHECK(imported[0].handles.size() == 2);

  // Again: matched by name and organisation, nothing doubled or changed.
  const auto again = admin.import_press_contacts(file).get();
  CHECK(again.added == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == 3);
  CHECK(admin.press_contacts({}).get().size() == 3);

  // A changed file updates what changed.
  const auto changed =
      admin.import_press_contacts("name,organisation,x\nanna svensson,DAGENS NYHETER,@anna_sv\nMaja Ek,SVT,\n").get();
  CHECK(changed.added == 1);
  CHECK(changed.updated == 1);
  CHECK(changed.unchanged == 0);
  CHECK(admin.press_contacts({"anna", "", 20}).get().at(0).handle_on("x")->handle == "@anna_sv");
  CHECK(admin.press_contacts({}).get().size() == 4);

  SECTION("every fault by line and column, nothing imported") {
    const auto refused = admin
                             .import_press_contacts(
                                 "name,organisation,x,bluesky\n"
                                 "Per Holm,SVT,@per.holm,\n"   // 2: not an X handle
                                 "Lena Ek,TV4,,lena\n"         // 3: not a Bluesky handle
                                 "Kim Ek,TV4,@erikostlund,\n"  // 4: Erik's handle
                                 "Lena Ek,TV4,,\n"             // 5: the same contact as line 3
                                 "Ny Person,TV4,,\n")          // fine, and not imported either
                             .get();
    std::vector<std::string> where;
    for (const auto& fault : refused.faults) where.push_back(std::to_string(fault.line) + " " + fault.column);
    CHECK(where == std::vector<std::string>{"2 x", "3 bluesky", "4 x", "5 name"});
    CHECK(refused.added == 0);
    CHECK(admin.press_contacts({}).get().size() == 4);
    CHECK(admin.press_contacts({"ny person", "", 20}).get().empty());
  }
  SECTION("a column no installed network has") {
    const auto refused = admin.import_press_contacts("name,x,threads\nMaja Ek,@majaek,@majaek\n").get();
    REQUIRE(refused.faults.size() == 1);
    CHECK(refused.faults[0].line == 1);
    CHECK(refused.faults[0].column == "threads");
  }
  SECTION("a file that is not UTF-8") {
    const auto refused = admin.import_press_contacts("name,organisation\nS\xf8ren Dahl,Folketinget\n").get();
    REQUIRE(refused.faults.size() == 1);
    CHECK(refused.faults[0].line == 2);
    CHECK_THAT(refused.faults[0].message, Catch::Contains("UTF-8"));
  }
  SECTION("a body over 2 MB is refused before it is read, with a clear 413") {
    std::string huge = "name\n";
    while (huge.size() < 10 * 1024 * 1024)
      huge += "A person with a long name, row " + std::to_string(huge.size()) + "\n";
    const auto answer = post_import(kanald, kanald.endpoint().token, huge);
    CHECK(answer.status == 413);
    CHECK_THAT(answer.body, Catch::Contains("payload_too_large") && Catch::Contains("limit"));
    CHECK(admin.press_contacts({}).get().size() == 4);
  }
  SECTION("as problem+json, the faults listed") {
    const auto answer = post_import(kanald, kanald.endpoint().token, "name,x\nBo,@b.o\n");
    CHECK(answer.status == 422);
    CHECK_THAT(answer.headers.at("content-type"), Catch::StartsWith("application/problem+json"));
    const auto problem = json::parse_json(answer.body);
    CHECK(std::string(problem["code"].GetString()) == "invalid_input");
    CHECK(problem["faults"].Size() == 1);
  }
  CHECK(admin.verify_audit().get().intact);
  CHECK(actions(admin, "press_contact.").size() >= 5);
}

TEST_CASE("kanalctl lists press contacts and imports a file, and an officer's kanalctl may not import") {
  test::KanaldProcess kanald;
  test::Team team(kanald);
  require_networks(team.admin());
  team.add("olga", Role::officer);
  const auto officer_token = team.admin().sign_in("olga", test::Team::password_of("olga")).get().token;
  test::TempDir dir;
  const auto good = dir.path() / "kontakter.csv";
  std::ofstream(good) << "name,organisation,role,x,mastodon\n"
                         "Anna Svensson,Dagens Nyheter,journalist,@annasvensson,@anna@journalist.social\n"
                         "Erik Östlund,Sveriges Radio,editor,@erikostlund,\n";
  const auto bad = dir.path() / "fel.csv";
  std::ofstream(bad) << "name,x\nBo Ek,@bo.ek\n";

  const auto imported = test::kanalctl(kanald, {"contacts", "import", good.string()});
  CHECK(imported.exit_code == 0);
  CHECK_THAT(imported.out, Catch::Contains("2 added, 0 updated, 0 unchanged"));
  const auto refused = test::kanalctl(kanald, {"contacts", "import", bad.string()});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.out, Catch::Contains("Nothing was imported") && Catch::Contains("fel.csv:2 [x]"));

  const auto listed = test::kanalctl(kanald, {"contacts", "list"});
  CHECK(listed.exit_code == 0);
  CHECK_THAT(listed.out,
             Catch::Contains("Anna Svensson") && Catch::Contains("x @annasvensson") && Catch::Contains("Erik Östlund"));
  const auto on_mastodon = test::kanalctl(kanald, {"contacts", "list", "--network", "mastodon"});
  CHECK_THAT(on_mastodon.out, Catch::Contains("Anna Svensson") && !Catch::Contains("Erik"));
  const auto found = test::kanalctl(kanald, {"--json", "contacts", "list", "ostl"});
  CHECK(wire::parse_press_contacts(found.out).size() == 1);

  const auto as_officer = test::kanalctl(
      kanald, {"--server", kanald.endpoint().url, "--token", officer_token, "contacts", "import", good.string()});
  CHECK(as_officer.exit_code == 1);
  CHECK_THAT(as_officer.out, Catch::Contains("may not"));
  const auto officer_list =
      test::kanalctl(kanald, {"--server", kanald.endpoint().url, "--token", officer_token, "contacts", "list", "anna"});
  CHECK(officer_list.exit_code == 0);
  CHECK_THAT(officer_list.out, Catch::Contains("Anna Svensson"));
}

TEST_CASE("the text check counts each network's text, with the contact's handle there") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  require_networks(api);
  api.create_press_contact(anna()).get();
  api.create_press_contact({"Lars Berg", "SVT", PressRole::journalist, "", {{"x", "@larsberg"}}}).get();

  wire::TextCheckRequest request;
  request.text = "Tack @annasvensson och @larsberg!";
  request.networks = {"x", "mastodon", "bluesky"};
  const auto checked = api.check_text(request).get();
  REQUIRE(checked.targets.size() == 3);
  CHECK(checked.targets[0].network == "x");
  CHECK(checked.targets[0].text.empty());  // as written
  CHECK(checked.targets[1].text == "Tack @anna@journalist.social och Lars Berg!");
  CHECK(checked.targets[2].text == "Tack @anna.bsky.social och Lars Berg!");
  // Counted as it goes out: Mastodon counts a mention by its local part.
  CHECK(checked.targets[1].count.count == std::string("Tack @anna och Lars Berg!").size());
  CHECK(checked.targets[2].count.count == std::string("Tack @anna.bsky.social och Lars Berg!").size());
  CHECK(checked.targets[2].count.entities.size() == 1);
}

TEST_CASE("a post with a contact's X handle goes out to a Mastodon account with the contact's handle there") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  require_networks(api);
  const auto account = test::connect_sandbox_account(api, sandbox);
  REQUIRE(account.network == "mastodon");
  api.create_press_contact(anna()).get();
  api.create_press_contact({"Lars Berg", "SVT", PressRole::journalist, "", {{"x", "@larsberg"}}}).get();

  const auto post =
      api.create_post({"Tack @annasvensson för frågan. Svar till @LarsBerg i morgon. Mejla press@agency.se.", {}})
          .get();
  api.publish(post.id, {{account.id}}).get();
  REQUIRE(test::wait_until_settled(api, post.id).at(0).state == "published");
  const auto statuses = sandbox.statuses();
  REQUIRE(statuses.Size() == 1);
  CHECK(std::string(statuses[0]["text"].GetString()) ==
        "Tack @anna@journalist.social för frågan. Svar till Lars Berg i morgon. Mejla press@agency.se.");

  // The post stays as written; the trail keeps what went out.
  CHECK(api.get_post(post.id).get().text ==
        "Tack @annasvensson för frågan. Svar till @LarsBerg i morgon. Mejla press@agency.se.");
  const auto published = api.audit("action=post.published&limit=10").get().events;
  REQUIRE(published.size() == 1);
  CHECK_THAT(published[0].detail, Catch::Contains("\"texts\":[\"Tack @anna@journalist.social för frågan."));
}

TEST_CASE("the publish gate counts the text as it goes out, the contact's name in place of a handle") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  require_networks(api);
  const auto account = test::connect_sandbox_account(api, sandbox);
  const std::string long_name = "Lars-Göran Bergqvist Lindström af Ekenstierna-Hallenborg Östlund";
  api.create_press_contact({long_name, "SVT", PressRole::journalist, "", {{"x", "@lgb"}}}).get();

  // 500 graphemes as written; longer once the handle is the name on Mastodon.
  const std::string text = "@lgb " + std::string(495, 'a');
  const auto post = api.create_post({text, {}}).get();
  try {
    api.publish(post.id, {{account.id}}).get();
    FAIL("a text too long as it goes out was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.detail(), Catch::Contains("/500") && Catch::Contains("with the press contacts' handles") &&
                               Catch::Contains("too long"));
  }
  CHECK(api.deliveries(post.id).get().empty());
  CHECK(sandbox.statuses().Size() == 0);
}

TEST_CASE("an approval binds the post as written, and a handle corrected after it goes out corrected") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  test::Team team(kanald);
  require_networks(team.admin());
  const auto account = test::connect_sandbox_account(team.admin(), sandbox);
  auto& officer = team.add("olle", Role::officer);
  auto& manager = team.add("maja", Role::line_manager);
  const auto anna_contact = team.admin().create_press_contact(anna()).get();

  const auto post = officer.create_post({"Intervju med @annasvensson i dag.", {}}).get();
  officer.submit(post.id, {account.id}).get();
  const auto look = manager.review(post.id).get();
  manager.approve(post.id, {look.review.content_hash, ""}).get();

  // The directory learns Anna's real Mastodon handle after the approval.
  auto corrected = anna();
  corrected.handles = {{"x", "@annasvensson"}, {"mastodon", "@annasvensson@mastodon.nu"}};
  team.admin().update_press_contact(anna_contact.id, corrected).get();

  officer.publish(post.id, {{account.id}}).get();
  REQUIRE(test::wait_until_settled(officer, post.id).at(0).state == "published");
  CHECK(std::string(sandbox.statuses()[0]["text"].GetString()) == "Intervju med @annasvensson@mastodon.nu i dag.");
}
