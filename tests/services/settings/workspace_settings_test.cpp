// The workspace's documents in the database (SQLite and PostgreSQL): the
// files of a workspace from before imported once, a change checked and put
// on the trail in one transaction, and two kanalds of one workspace seeing
// each other's changes without losing any.
#include <catch2/catch.hpp>

#include <Poco/Logger.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "core/error.h"
#include "settings/workspace_settings.h"
#include "store/audit_repository.h"
#include "store/migrations.h"
#include "store/user_repository.h"
#include "support/errors.h"
#include "support/temp_dir.h"
#include "support/test_databases.h"

using namespace kanal;
using settings::Document;

namespace {

struct Workspace {
  test::TestDatabase test_db;
  std::unique_ptr<store::Database> db = test_db.open();
  AdjustableClock clock;
  test::TempDir folder;
  UserId admin;

  Workspace() {
    store::migrate(*db);
    admin = db->transact([&](auto& s) {
                return store::UserRepository(s).ensure("ada", "Ada", Role::admin, clock.now());
              }).id;
  }

  std::unique_ptr<settings::WorkspaceSettings> kanald(
      std::chrono::milliseconds recheck_every = std::chrono::seconds(0)) {
    return std::make_unique<settings::WorkspaceSettings>(*db, clock, Poco::Logger::get("settings_test"),
                                                         settings::WorkspaceSettingsOptions{recheck_every});
  }

  std::vector<AuditEvent> events(const std::string& action) {
    return db->read([&](auto& s) {
      store::AuditQuery query;
      query.action = action;
      return store::AuditRepository(s).find(query);
    });
  }
};

}  // namespace

TEST_CASE("a new workspace starts with Kanal's documents") {
  Workspace workspace;
  auto kanald = workspace.kanald();
  kanald->import_files(workspace.folder.path());
  const auto documents = kanald->list();
  REQUIRE(documents.size() == settings::documents().size());
  for (const auto& document : documents) {
    INFO(document.name);
    CHECK(document.revision == 1);
    CHECK_FALSE(document.changed_by);
    CHECK(document.content == settings::default_content(settings::find_document(document.name).document));
  }
  CHECK(workspace.events("document.").empty());
  CHECK(kanald->policy()->text() == workflow::Policy::default_text());
  CHECK(std::filesystem::is_empty(workspace.folder.path()));  // nothing written beside the database
}

TEST_CASE("a workspace's files are imported once and set aside and one that cannot be used is named") {
  Workspace workspace;
  const auto& folder = workspace.folder.path();
  test::write_file(folder / "policy.txt", "Everything: always -> director\n");
  test::write_file(folder / "blocked-terms.txt", "kanalbanan\n");
  test::write_file(folder / "templates.json", "{ not json");
  test::write_file(folder / "dictionary.txt", "Kanalix\n");
  auto kanald = workspace.kanald();
  kanald->import_files(folder);

  CHECK(kanald->policy()->text() == "Everything: always -> director\n");
  CHECK(kanald->word_lists()->dictionary() == std::vector<std::string>{"Kanalix"});
  CHECK(kanald->moderator()->judge("Ni är kanalbanan allihop").hide);
  CHECK(kanald->templates()->json == settings::default_content(Document::templates));
  CHECK(std::filesystem::exists(folder / "policy.txt.imported"));
  CHECK(std::filesystem::exists(folder / "templates.json.not-imported"));
  CHECK_FALSE(std::filesystem::exists(folder / "policy.txt"));

  CHECK(workspace.events("").empty());  // what was in force stays so: nothing to put on the trail

  // Once: a file put back later, or another kanald's, changes nothing.
  test::write_file(folder / "policy.txt", "Everything: always -> none\n");
  workspace.kanald()->import_files(folder);
  CHECK(workspace.kanald()->policy()->text() == "Everything: always -> director\n");
  CHECK(std::filesystem::exists(folder / "policy.txt.not-imported"));
}

TEST_CASE("a change is checked and stored with its audit event and is in force at once") {
  Workspace workspace;
  auto kanald = workspace.kanald(std::chrono::hours(1));
  kanald->import_files(workspace.folder.path());

  const auto refused = test::error_code_of(
      [&] { kanald->replace(Document::approval_policy, "Everything: sometimes -> director\n", workspace.admin); });
  CHECK(refused == ErrorCode::invalid_input);
  CHECK(kanald->document(Document::approval_policy).revision == 1);
  CHECK(workspace.events("document.").empty());

  const auto changed =
      kanald->replace(Document::approval_policy, "Everything: always -> director\n", workspace.admin, 1);
  CHECK(changed.revision == 2);
  CHECK(changed.changed_by == workspace.admin);
  CHECK(kanald->policy()->text() == "Everything: always -> director\n");  // not an hour later
  const auto events = workspace.events("document.change");
  REQUIRE(events.size() == 1);
  CHECK(events[0].actor == workspace.admin);
  CHECK_THAT(events[0].detail, Catch::Contains("\"document\":\"approval-policy\"") &&
                                   Catch::Contains("Everything else is reviewed") &&
                                   Catch::Contains("always -> director"));

  // Edited from revision 1, which a colleague has since replaced: refused, not overwritten.
  CHECK(test::error_code_of([&] {
          kanald->replace(Document::approval_policy, "Everything: always -> none\n", workspace.admin, 1);
        }) == ErrorCode::stale_version);
  CHECK(kanald->policy()->text() == "Everything: always -> director\n");
}

TEST_CASE("a change whose audit event cannot be written is not made") {
  Workspace workspace;
  auto kanald = workspace.kanald();
  kanald->import_files(workspace.folder.path());
  // The trail refuses every new event (as a full disk would).
  workspace.db->transact([&](Poco::Data::Session& s) {
    if (workspace.test_db.is_postgresql()) {
      s << "CREATE FUNCTION refuse_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
           "RAISE EXCEPTION 'the trail is full'; END $$",
          Poco::Data::Keywords::now;
      s << "CREATE TRIGGER trail_full BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_events()",
          Poco::Data::Keywords::now;
    } else {
      s << "CREATE TRIGGER trail_full BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'the trail is full'); "
           "END",
          Poco::Data::Keywords::now;
    }
  });
  CHECK_THROWS_AS(kanald->replace(Document::blocked_terms, "kanalbanan\n", workspace.admin), Error);
  CHECK_THROWS_AS(kanald->add_to_dictionary("Kanalix", workspace.admin), Error);
  CHECK(kanald->document(Document::blocked_terms).revision == 1);
  CHECK(kanald->document(Document::dictionary).revision == 1);
  CHECK_FALSE(kanald->moderator()->judge("Ni är kanalbanan allihop").hide);
}

TEST_CASE("two kanalds of one workspace see each other's changes and lose no word added at the same time") {
  Workspace workspace;
  auto first = workspace.kanald();
  auto second = workspace.kanald();
  first->import_files(workspace.folder.path());
  second->import_files(workspace.folder.path());
  CHECK_FALSE(second->moderator()->judge("Ni är kanalbanan allihop").hide);
  first->replace(Document::blocked_terms, "kanalbanan\n", workspace.admin);
  CHECK(second->moderator()->judge("Ni är kanalbanan allihop").hide);

  // Ten words each, added at the same time through both.
  std::atomic<int> failures{0};
  const auto add = [&](settings::WorkspaceSettings& kanald, const std::string& prefix) {
    for (int i = 0; i < 10; ++i) {
      try {
        kanald.add_to_dictionary(prefix + std::string(1, static_cast<char>('a' + i)), workspace.admin);
      } catch (const Error&) {
        ++failures;
      }
    }
  };
  std::thread one([&] { add(*first, "Ettord"); });
  std::thread two([&] { add(*second, "Tvaord"); });
  one.join();
  two.join();
  CHECK(failures == 0);
  CHECK(first->word_lists()->dictionary().size() == 20);
  CHECK(second->word_lists()->dictionary().size() == 20);
  CHECK(first->document(Document::dictionary).revision == 21);
  CHECK(workspace.events("dictionary.add").size() == 20);
  // A word already there changes nothing.
  first->add_to_dictionary("Ettorda", workspace.admin);
  CHECK(workspace.events("dictionary.add").size() == 20);
}

TEST_CASE("the same text saved again is no change and a dictionary past its limit refuses the word") {
  Workspace workspace;
  auto kanald = workspace.kanald();
  kanald->import_files(workspace.folder.path());
  const auto same =
      kanald->replace(Document::own_domains, settings::default_content(Document::own_domains), workspace.admin, 1);
  CHECK(same.revision == 1);
  CHECK(workspace.events("document.").empty());

  // A dictionary of exactly 999,990 bytes: room for no word of 30 letters more.
  std::string words;
  for (int i = 0; words.size() + 20 < 999'990; ++i) words += "Ordet" + std::to_string(i) + "x\n";
  for (auto& c : words) c = c >= '0' && c <= '9' ? static_cast<char>('a' + (c - '0')) : c;  // letters only
  words += std::string(999'990 - words.size() - 1, 'z') + "\n";
  REQUIRE(words.size() == 999'990);
  kanald->replace(Document::dictionary, words, workspace.admin);
  CHECK(test::error_code_of([&] { kanald->add_to_dictionary(std::string(30, 'k'), workspace.admin); }) ==
        ErrorCode::invalid_input);
  CHECK(kanald->document(Document::dictionary).content == words);
  CHECK(kanald->word_lists()->dictionary().size() > 10'000);  // still the agency's, not an empty default
}

TEST_CASE("a workspace restored from before its documents moved into the database gets its files back") {
  Workspace workspace;
  const auto& folder = workspace.folder.path();
  // Imported once already (the file set aside); the restored database has no documents.
  test::write_file(folder / "policy.txt.imported", "Everything: always -> director\n");
  auto kanald = workspace.kanald();
  kanald->import_files(folder);
  CHECK(kanald->policy()->text() == "Everything: always -> director\n");
  CHECK(std::filesystem::exists(folder / "policy.txt.imported"));
}

TEST_CASE("a change from revision 0 is taken for a document not stored yet") {
  Workspace workspace;
  auto kanald = workspace.kanald();  // no import: nothing stored
  CHECK(kanald->document(Document::blocked_terms).revision == 0);
  CHECK(kanald->replace(Document::blocked_terms, "kanalbanan\n", workspace.admin, 0).revision == 2);
  CHECK(kanald->moderator()->judge("Ni är kanalbanan allihop").hide);
}
