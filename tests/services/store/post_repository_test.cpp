#include <catch2/catch.hpp>

#include "core/error.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/migrations.h"
#include "store/post_repository.h"
#include "store/user_repository.h"
#include "support/store_fixture.h"

using namespace kanal;
using namespace kanal::store;

using Fixture = test::StoreFixture;

TEST_CASE_METHOD(Fixture, "a created post reads back with its variants") {
  auto account = db->transact([&](auto& s) {
    Account agency;
    agency.network = "mastodon";
    agency.handle = "@agency@social.example";
    agency.display_name = "Agency";
    return AccountRepository(s).create(agency, t0);
  });
  auto post = db->transact([&](auto& s) {
    return PostRepository(s).create(NewPost{author.id, "Payment day is Friday. Välkommen!", {{account.id, "Short"}}},
                                    t0);
  });
  CHECK(post.id.valid());
  CHECK(post.state == PostState::draft);
  CHECK(post.version == 1);
  CHECK(post.created_at == t0);
  REQUIRE(post.variants.size() == 1);
  CHECK(post.variants[0].account == account.id);

  auto found = db->read([&](auto& s) { return PostRepository(s).find(post.id); });
  REQUIRE(found);
  CHECK(found->text == "Payment day is Friday. Välkommen!");
  CHECK(found->author == author.id);
}

TEST_CASE_METHOD(Fixture, "an update bumps the version and a stale one is refused") {
  auto post = db->transact([&](auto& s) { return PostRepository(s).create(NewPost{author.id, "v1", {}}, t0); });
  auto t1 = t0 + std::chrono::seconds(5);
  auto updated = db->transact([&](auto& s) { return PostRepository(s).update(post.id, 1, PostChanges{"v2", {}}, t1); });
  CHECK(updated.version == 2);
  CHECK(updated.text == "v2");
  CHECK(updated.updated_at == t1);
  CHECK(updated.created_at == t0);

  try {
    db->transact([&](auto& s) { return PostRepository(s).update(post.id, 1, PostChanges{"lost edit", {}}, t1); });
    FAIL("a stale update was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::stale_version);
  }
  auto found = db->read([&](auto& s) { return PostRepository(s).find(post.id); });
  CHECK(found->text == "v2");
}

TEST_CASE_METHOD(Fixture, "a deleted post is gone from reads but its row stays") {
  auto post = db->transact([&](auto& s) { return PostRepository(s).create(NewPost{author.id, "bye", {}}, t0); });
  db->transact([&](auto& s) { PostRepository(s).remove(post.id, t0); });
  CHECK_FALSE(db->read([&](auto& s) { return PostRepository(s).find(post.id); }));
  CHECK_THROWS_AS(db->transact([&](auto& s) { PostRepository(s).remove(post.id, t0); }), Error);
  Poco::Int64 rows = 0;
  db->read(
      [&](auto& s) { s << "SELECT COUNT(*) FROM posts", Poco::Data::Keywords::into(rows), Poco::Data::Keywords::now; });
  CHECK(rows == 1);
}

TEST_CASE_METHOD(Fixture, "listing pages newest first and filters by state") {
  for (int i = 0; i < 7; ++i) {
    db->transact([&](auto& s) { PostRepository(s).create(NewPost{author.id, "post " + std::to_string(i), {}}, t0); });
  }
  std::vector<std::string> seen;
  PostQuery query;
  query.limit = 3;
  for (int page = 0; page < 5; ++page) {
    auto result = db->read([&](auto& s) { return PostRepository(s).list(query); });
    for (const auto& post : result.items) seen.push_back(post.text);
    if (!result.next_before) break;
    query.before = result.next_before;
  }
  REQUIRE(seen.size() == 7);
  CHECK(seen.front() == "post 6");
  CHECK(seen.back() == "post 0");

  PostQuery published;
  published.state = PostState::published;
  CHECK(db->read([&](auto& s) { return PostRepository(s).list(published); }).items.empty());
  PostQuery drafts;
  drafts.state = PostState::draft;
  CHECK(db->read([&](auto& s) { return PostRepository(s).list(drafts); }).items.size() == 7);
}

TEST_CASE_METHOD(Fixture, "audit events are kept per object") {
  db->transact([&](auto& s) {
    AuditRepository(s).append(AuditEvent{0, t0, author.id, "post.create", "post", 9, R"({"text":"x"})"});
    AuditRepository(s).append(AuditEvent{0, t0, std::nullopt, "post.delete", "post", 9, "{}"});
  });
  auto events = db->read([&](auto& s) { return AuditRepository(s).for_object("post", 9); });
  REQUIRE(events.size() == 2);
  CHECK(events[0].action == "post.create");
  CHECK(events[0].actor == author.id);
  CHECK_FALSE(events[1].actor);
}

TEST_CASE_METHOD(Fixture, "users are ensured once per login") {
  auto again = db->transact([&](auto& s) { return UserRepository(s).ensure("officer", "Other", Role::admin, t0); });
  CHECK(again.id == author.id);
  CHECK(again.display_name == "Olga Officer");
  CHECK(again.role == Role::officer);
}
