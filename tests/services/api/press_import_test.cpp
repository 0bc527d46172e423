// Planning a CSV import of press contacts: every row checked first, rows
// matched to contacts by name and organisation, faults by line and column,
// nothing planned while one is wrong.
#include <catch2/catch.hpp>

#include "api/server/press_contact_import.h"

using namespace kanal;
using namespace kanal::contacts;
using kanal::api::plan_press_import;

namespace {

const NetworkStyles kNetworks{
    {"x", MentionStyle::at_name}, {"mastodon", MentionStyle::at_name_host}, {"bluesky", MentionStyle::at_domain}};

PressContact stored(std::int64_t id, std::string name, std::string organisation, std::vector<NetworkHandle> handles,
                    std::string notes = {}) {
  PressContact c;
  c.id = PressContactId{id};
  c.name = std::move(name);
  c.organisation = std::move(organisation);
  c.role = PressRole::journalist;
  c.notes = std::move(notes);
  c.handles = std::move(handles);
  sort_handles(c.handles);
  return c;
}

std::vector<std::string> faults_of(const api::PressImportPlan& plan) {
  std::vector<std::string> out;
  for (const auto& fault : plan.faults) out.push_back(std::to_string(fault.line) + " " + fault.column);
  return out;
}

}  // namespace

TEST_CASE("new rows are added, known ones updated or left as they are") {
  const std::vector<PressContact> existing{
      stored(1, "Anna Svensson", "Dagens Nyheter", {{"x", "@annasvensson"}}),
      stored(2, "Lars Berg", "SVT", {{"x", "@larsberg"}}),
  };
  const auto plan = plan_press_import(
      "name,organisation,role,x,mastodon\n"
      "Anna Svensson,Dagens Nyheter,journalist,@annasvensson,\n"
      "LARS BERG, svt ,editor,larsberg,@lars@mastodon.nu\n"
      "Maja Ek,Riksdagen,politician,,@maja@riksdagen.social\n",
      existing, kNetworks);
  REQUIRE(plan.faults.empty());
  CHECK(plan.unchanged == 1);
  REQUIRE(plan.updated.size() == 1);
  CHECK(plan.updated[0].line == 3);
  CHECK(plan.updated[0].contact.id.value == 2);
  CHECK(plan.updated[0].contact.name == "LARS BERG");
  CHECK(plan.updated[0].contact.role == PressRole::editor);
  CHECK(plan.updated[0].contact.handles ==
        std::vector<NetworkHandle>{{"mastodon", "@lars@mastodon.nu"}, {"x", "@larsberg"}});
  CHECK(plan.updated[0].before->handles.size() == 1);
  REQUIRE(plan.added.size() == 1);
  CHECK(plan.added[0].contact.name == "Maja Ek");
  CHECK(plan.added[0].contact.role == PressRole::politician);
}

TEST_CASE("spreadsheets' files: a byte-order mark, semicolons, quotes, line breaks in a field, any header case") {
  const auto plan = plan_press_import(
      "\xEF\xBB\xBFName;Organization;Notes;X\r\n"
      "\"Svensson; Anna\";\"Dagens \"\"DN\"\" Nyheter\";\"Ring först,\nsedan mejl\";@annasvensson\r\n",
      {}, kNetworks);
  REQUIRE(plan.faults.empty());
  REQUIRE(plan.added.size() == 1);
  CHECK(plan.added[0].contact.name == "Svensson; Anna");
  CHECK(plan.added[0].contact.organisation == "Dagens \"DN\" Nyheter");
  CHECK(plan.added[0].contact.notes == "Ring först,\nsedan mejl");
  CHECK(plan.added[0].contact.role == PressRole::other);
}

TEST_CASE("a column the file lacks leaves a contact's part as it was, an empty cell empties it") {
  const std::vector<PressContact> existing{
      stored(1, "Anna Svensson", "DN", {{"x", "@annasvensson"}, {"bluesky", "@anna.bsky.social"}}, "Föredrar mejl")};
  const auto plan = plan_press_import("name,organisation,bluesky\nAnna Svensson,DN,\n", existing, kNetworks);
  REQUIRE(plan.faults.empty());
  REQUIRE(plan.updated.size() == 1);
  CHECK(plan.updated[0].contact.notes == "Föredrar mejl");
  CHECK(plan.updated[0].contact.role == PressRole::journalist);
  CHECK(plan.updated[0].contact.handles == std::vector<NetworkHandle>{{"x", "@annasvensson"}});
}

TEST_CASE("every fault is named by line and column, and nothing is planned while there is one") {
  const std::vector<PressContact> existing{stored(1, "Anna Svensson", "DN", {{"x", "@annasvensson"}})};
  const auto plan = plan_press_import(
      "name,organisation,role,x,bluesky\n"
      "Bo Ek,SVT,,@bo.ek,\n"               // 2: not an X handle
      ",SVT,,,\n"                          // 3: no name
      "Maja Ek,SVT,reporter,,\n"           // 4: no such role
      "Per Holm,SVT,,@perholm,@perholm\n"  // 5: not a Bluesky handle
      "Kim Ek,SVT,,@annasvensson,\n"       // 6: Anna's handle
      "Lena Ek,TV4,,,\n"                   // 7: fine
      "lena ek, tv4,,,\n"                  // 8: the same contact as line 7
      "Li \xff Ek,SVT,,,\n",               // 9: not UTF-8
      existing, kNetworks);
  CHECK(faults_of(plan) == std::vector<std::string>{"2 x", "3 name", "4 role", "5 bluesky", "6 x", "8 name", "9 name"});
  CHECK(plan.faults[4].message.find("Anna Svensson (DN), contact 1") != std::string::npos);
  CHECK(plan.faults[5].message.find("line 7") != std::string::npos);
  CHECK(plan.added.empty());
  CHECK(plan.updated.empty());
  CHECK(plan.unchanged == 0);
}

TEST_CASE("a column that is no field and no installed network is refused on line 1") {
  const auto plan = plan_press_import("name,x,threads,x\nAnna,@anna,@anna,@anna\n", {}, kNetworks);
  CHECK(faults_of(plan) == std::vector<std::string>{"1 threads", "1 x"});
  CHECK(plan.faults[0].message.find("x, bluesky, mastodon") == std::string::npos);
  CHECK(plan.faults[0].message.find("bluesky, mastodon, x") != std::string::npos);
  CHECK(faults_of(plan_press_import("organisation,x\nDN,@anna\n", {}, kNetworks)) ==
        std::vector<std::string>{"1 name"});
}

TEST_CASE("a handle may move between contacts in one file, two rows holding one are refused on the later") {
  const std::vector<PressContact> existing{stored(1, "Maja Ek", "DN", {{"x", "@dnpolitik"}}),
                                           stored(2, "Per Holm", "DN", {})};
  const auto moved =
      plan_press_import("name,organisation,x\nPer Holm,DN,@DNpolitik\nMaja Ek,DN,\n", existing, kNetworks);
  CHECK(moved.faults.empty());
  CHECK(moved.updated.size() == 2);

  const auto twice = plan_press_import("name,organisation,x\nA,DN,@same\nB,DN,@SAME\n", {}, kNetworks);
  CHECK(faults_of(twice) == std::vector<std::string>{"3 x"});
  CHECK(twice.faults[0].message.find("(line 2)") != std::string::npos);
}

TEST_CASE("an empty file, a broken quote and too many rows are refused whole") {
  CHECK(faults_of(plan_press_import("", {}, kNetworks)) == std::vector<std::string>{"1 "});
  CHECK(faults_of(plan_press_import("name\n\"Anna\n", {}, kNetworks)) == std::vector<std::string>{"2 "});
  std::string many = "name\n";
  for (std::size_t i = 0; i <= api::kMostImportedContacts; ++i) many += "Person " + std::to_string(i) + "\n";
  const auto plan = plan_press_import(many, {}, kNetworks);
  CHECK(faults_of(plan) == std::vector<std::string>{"1 "});
  CHECK(plan.added.empty());
}

TEST_CASE("importing the same file again changes nothing") {
  const std::string file =
      "name,organisation,role,notes,x,bluesky\nAnna Svensson,DN,editor,Mejl,@anna,@anna.bsky.social\n";
  const auto first = plan_press_import(file, {}, kNetworks);
  REQUIRE(first.added.size() == 1);
  auto now_stored = first.added[0].contact;
  now_stored.id = PressContactId{7};
  const auto again = plan_press_import(file, {now_stored}, kNetworks);
  CHECK(again.faults.empty());
  CHECK(again.added.empty());
  CHECK(again.updated.empty());
  CHECK(again.unchanged == 1);
}
