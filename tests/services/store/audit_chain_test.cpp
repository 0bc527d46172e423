// The audit trail's hash chain: sealed on append, verified link by link; the
// database refuses changes to it, and a row changed, removed, added or cut
// from the end behind Kanal's back (its guards dropped first) is found.
#include <catch2/catch.hpp>

#include <thread>

#include "store/audit_repository.h"
#include "support/audit_tamper.h"
#include "support/errors.h"
#include "support/store_fixture.h"

using namespace kanal;
using namespace kanal::store;
using namespace Poco::Data::Keywords;

namespace {

struct ChainFixture : test::StoreFixture {
  void append(int n, std::string action = "post.edit") {
    for (int i = 0; i < n; ++i) {
      db->transact([&](auto& s) {
        AuditRepository(s).append(
            AuditEvent{0, t0, author.id, action, "post", i + 1, R"({"text":"Hej )" + std::to_string(i) + R"("})"});
        return 0;
      });
    }
  }
  AuditChainCheck verify() {
    return db->read([](auto& s) { return AuditRepository(s).verify(); });
  }
  // As someone who can write the database would: guards dropped first.
  void sql(const std::string& statement) {
    db->transact([&](auto& s) {
      test::drop_audit_guards(s);
      s << statement, now;
      return 0;
    });
  }
  std::vector<AuditEvent> events() {
    return db->read([](auto& s) { return AuditRepository(s).find(AuditQuery{}); });
  }
};

}  // namespace

TEST_CASE_METHOD(ChainFixture, "appended events are sealed in order and the chain verifies") {
  append(5);
  const auto events = db->read([](auto& s) { return AuditRepository(s).find(AuditQuery{}); });
  REQUIRE(events.size() == 5);
  CHECK(events[0].seq == 1);
  CHECK(events[0].prev_hash == kAuditGenesis);
  for (std::size_t i = 1; i < events.size(); ++i) {
    CHECK(events[i].seq == static_cast<std::int64_t>(i + 1));
    CHECK(events[i].prev_hash == events[i - 1].hash);
    CHECK(events[i].hash.size() == 64);
  }
  const auto check = verify();
  CHECK(check.intact);
  CHECK(check.events == 5);
}

TEST_CASE_METHOD(ChainFixture, "an event edited in the database breaks the chain at that event") {
  append(6);
  sql("UPDATE audit_events SET detail = '{\"text\":\"rewritten\"}' WHERE seq = 4");
  const auto check = verify();
  CHECK_FALSE(check.intact);
  CHECK(check.broken_seq == 4);
  CHECK_THAT(check.reason, Catch::Contains("changed"));
}

TEST_CASE_METHOD(ChainFixture, "a changed actor or time is found too, and a re-sealed row does not fit the next") {
  append(4);
  sql("UPDATE audit_events SET actor_id = NULL WHERE seq = 2");
  CHECK(verify().broken_seq == 2);
  // Someone who recomputes the edited row's own hash still breaks the link to the next one.
  const auto edited = db->read([](auto& s) { return AuditRepository(s).find(AuditQuery{}); }).at(1);
  sql("UPDATE audit_events SET hash = '" + audit_hash(edited, edited.prev_hash) + "' WHERE seq = 2");
  const auto check = verify();
  CHECK_FALSE(check.intact);
  CHECK(check.broken_seq == 3);
}

TEST_CASE_METHOD(ChainFixture, "a removed event, or the last ones cut off, are found") {
  append(5);
  sql("DELETE FROM audit_events WHERE seq = 3");
  auto check = verify();
  CHECK_FALSE(check.intact);
  CHECK(check.broken_seq == 4);
  CHECK_THAT(check.reason, Catch::Contains("missing"));

  sql("DELETE FROM audit_events WHERE seq >= 4");
  check = verify();
  CHECK_FALSE(check.intact);
  CHECK_THAT(check.reason, Catch::Contains("last events are missing"));
}

TEST_CASE_METHOD(ChainFixture, "the database itself refuses to change or remove an audit event") {
  append(3);
  for (const std::string statement :
       {"UPDATE audit_events SET detail = '{}' WHERE seq = 2", "UPDATE audit_events SET hash = 'x' WHERE seq = 2",
        "UPDATE audit_events SET seq = NULL WHERE seq = 3", "DELETE FROM audit_events WHERE seq = 3",
        "DELETE FROM audit_events"}) {
    INFO(statement);
    CHECK_THROWS(db->transact([&](auto& s) {
      s << statement, now;
      return 0;
    }));
  }
  CHECK(verify().intact);
  CHECK(verify().events == 3);
}

TEST_CASE_METHOD(ChainFixture, "a row inserted behind kanald's back is never sealed and verify names it") {
  append(2);
  const auto insert = [&] {
    db->transact([](auto& s) {
      s << "INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail) "
           "VALUES (1790000000000, NULL, 'post.approve', 'post', 1, '{}')",
          now;
      return 0;
    });
  };
  insert();   // no guard stops an insert: the chain is what catches it
  append(2);  // later appends seal their own events, not the stranger
  const auto check = verify();
  CHECK_FALSE(check.intact);
  CHECK_THAT(check.reason, Catch::Contains("not sealed") && Catch::Contains("behind kanald's back"));
  const auto all = events();
  CHECK(std::count_if(all.begin(), all.end(), [](const AuditEvent& e) { return e.seq == 0; }) == 1);
}

TEST_CASE("events recorded before the chain existed are sealed once, in their order, when the chain is made") {
  test::TestDatabase test_db;
  auto db = test_db.open();
  const auto& all = schema_migrations();
  migrate(*db, std::vector<Migration>(all.begin(), all.begin() + 5));
  db->transact([](auto& s) {
    s << "INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail) "
         "VALUES (1, NULL, 'post.create', 'post', 1, '{}')",
        now;
    s << "INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail) "
         "VALUES (2, NULL, 'post.edit', 'post', 1, '{}')",
        now;
    return 0;
  });
  migrate(*db);
  const auto check = db->read([](auto& s) { return AuditRepository(s).verify(); });
  CHECK(check.intact);
  CHECK(check.events == 2);
}

TEST_CASE_METHOD(ChainFixture, "the trail's time never goes back") {
  db->transact([&](auto& s) {
    AuditRepository(s).append(AuditEvent{0, t0, author.id, "post.create", "post", 1, "{}"});
    // A clock set back an hour, or another server's skew.
    AuditRepository(s).append(AuditEvent{0, t0 - std::chrono::hours(1), author.id, "post.edit", "post", 1, "{}"});
    return 0;
  });
  CHECK(events().at(1).at == t0);
  CHECK(verify().intact);

  // Whoever backdates an event and seals the chain again from there is caught by the dates.
  append(1);
  auto rewritten = events();
  rewritten[1].at = t0 - std::chrono::hours(2);
  std::string prev = rewritten[0].hash;
  for (std::size_t i = 1; i < rewritten.size(); ++i) {
    rewritten[i].hash = audit_hash(rewritten[i], prev);
    sql("UPDATE audit_events SET at = " + std::to_string(to_unix_ms(rewritten[i].at)) + ", prev_hash = '" + prev +
        "', hash = '" + rewritten[i].hash + "' WHERE seq = " + std::to_string(rewritten[i].seq));
    prev = rewritten[i].hash;
  }
  sql("UPDATE audit_head SET last_hash = '" + prev + "'");
  const auto check = verify();
  CHECK_FALSE(check.intact);
  CHECK(check.broken_seq == 2);
  CHECK_THAT(check.reason, Catch::Contains("time went back"));
}

TEST_CASE_METHOD(ChainFixture, "writers appending at the same time never fork the chain") {
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w) writers.emplace_back([&] { append(20); });
  for (auto& t : writers) t.join();
  const auto check = verify();
  CHECK(check.intact);
  CHECK(check.events == 60);
}

TEST_CASE_METHOD(ChainFixture, "the trail can be read by period, person, action and object") {
  append(3, "post.edit");
  append(2, "account.connect");
  AuditQuery posts;
  posts.action = "post.";
  CHECK(db->read([&](auto& s) { return AuditRepository(s).find(posts); }).size() == 3);
  AuditQuery one;
  one.object_type = "post";
  one.object_id = 2;
  CHECK(db->read([&](auto& s) { return AuditRepository(s).find(one); }).size() == 2);
  AuditQuery later;
  later.from = t0 + std::chrono::seconds(1);
  CHECK(db->read([&](auto& s) { return AuditRepository(s).find(later); }).empty());
  AuditQuery page;
  page.limit = 2;
  page.after_seq = 2;
  const auto paged = db->read([&](auto& s) { return AuditRepository(s).find(page); });
  REQUIRE(paged.size() == 2);
  CHECK(paged[0].seq == 3);
}
