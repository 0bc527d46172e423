// The audit trail's hash chain: sealed on append, verified link by link, and
// a row changed, removed or cut from the end behind Kanal's back is found.
#include <catch2/catch.hpp>

#include <thread>

#include "store/audit_repository.h"
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
  void sql(const std::string& statement) {
    db->transact([&](auto& s) {
      s << statement, now;
      return 0;
    });
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

TEST_CASE_METHOD(ChainFixture, "events recorded before the chain existed are sealed, in their order") {
  sql("INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail) "
      "VALUES (1, NULL, 'post.create', 'post', 1, '{}')");
  sql("INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail) "
      "VALUES (2, NULL, 'post.edit', 'post', 1, '{}')");
  CHECK_FALSE(verify().intact);
  CHECK(db->transact([](auto& s) { return AuditRepository(s).seal_pending(); }) == 2);
  append(1);
  const auto check = verify();
  CHECK(check.intact);
  CHECK(check.events == 3);
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
