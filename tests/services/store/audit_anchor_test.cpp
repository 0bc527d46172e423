// Anchors of the audit trail: signed with a key derived from the workspace
// key, they catch a chain rebuilt from any event up to theirs, events cut
// off after them, and an anchor changed or made by another workspace.
#include <catch2/catch.hpp>

#include "store/audit_anchor.h"
#include "store/audit_repository.h"
#include "support/audit_tamper.h"
#include "support/errors.h"
#include "support/store_fixture.h"

using namespace kanal;
using namespace kanal::store;
using namespace Poco::Data::Keywords;

namespace {

struct AnchorFixture : test::StoreFixture {
  SecretBox workspace_key = SecretBox::generate();
  AnchorKey key{workspace_key};

  void append(int n) {
    for (int i = 0; i < n; ++i) {
      db->transact([&](auto& s) {
        AuditRepository(s).append(AuditEvent{0, t0 + std::chrono::minutes(i), author.id, "post.edit", "post", 1,
                                             R"({"text":"Hej )" + std::to_string(i) + R"("})"});
        return 0;
      });
    }
  }
  AuditAnchor anchor() {
    return db->read([&](auto& s) { return anchor_head(s, key, t0 + std::chrono::hours(1)); });
  }
  AuditChainCheck check(const AuditAnchor& with, const AnchorKey& by) {
    return db->read([&](auto& s) { return verify_against(s, by, with); });
  }
  AuditChainCheck check(const AuditAnchor& with) { return check(with, key); }
  void tamper(const std::function<void(Poco::Data::Session&)>& change) {
    db->transact([&](auto& s) {
      change(s);
      return 0;
    });
  }
};

}  // namespace

TEST_CASE_METHOD(AnchorFixture, "an anchor names the chain's head and holds while the trail grows") {
  append(5);
  const auto made = anchor();
  CHECK(made.seq == 5);
  CHECK(made.hash.size() == 64);
  CHECK(made.public_key == key.public_key_hex());
  CHECK(made.signature.size() == 128);
  append(3);
  const auto result = check(made);
  CHECK(result.intact);
  CHECK(result.anchored_seq == 5);
  CHECK(result.events == 8);
  // The same workspace key gives the same anchor key (another kanald of the workspace).
  CHECK(AnchorKey(SecretBox::from_text(workspace_key.to_text())).signed_here(made));
}

TEST_CASE_METHOD(AnchorFixture, "a chain rebuilt from its middle verifies on its own and is caught by the anchor") {
  append(6);
  const auto made = anchor();
  append(2);
  tamper([](auto& s) { test::rebuild_chain_from(s, 3, R"({"text":"what was never said"})"); });
  CHECK(db->read([](auto& s) { return AuditRepository(s).verify(); }).intact);
  const auto result = check(made);
  CHECK_FALSE(result.intact);
  CHECK(result.broken_seq == 6);
  CHECK_THAT(result.reason, Catch::Contains("rebuilt"));
}

// What comes after an anchor is vouched for by the next one: the check says how far it reached.
TEST_CASE_METHOD(AnchorFixture, "a rebuild after the anchored event leaves the anchor holding up to it") {
  append(4);
  const auto made = anchor();
  append(3);
  tamper([](auto& s) { test::rebuild_chain_from(s, 6, R"({"text":"later"})"); });
  const auto result = check(made);
  CHECK(result.intact);
  CHECK(result.anchored_seq == 4);
}

TEST_CASE_METHOD(AnchorFixture, "events cut off behind the anchor are caught") {
  append(5);
  const auto made = anchor();
  tamper([](auto& s) {
    test::drop_audit_guards(s);
    s << "DELETE FROM audit_events WHERE seq >= 4", now;
    s << "UPDATE audit_head SET last_seq = 3, last_hash = (SELECT hash FROM audit_events WHERE seq = 3)", now;
  });
  CHECK(db->read([](auto& s) { return AuditRepository(s).verify(); }).intact);
  const auto result = check(made);
  CHECK_FALSE(result.intact);
  CHECK_THAT(result.reason, Catch::Contains("ends before event 5"));
}

TEST_CASE_METHOD(AnchorFixture, "an anchor changed or signed by another workspace is refused") {
  append(3);
  const auto made = anchor();
  auto moved = made;
  moved.seq = 2;
  CHECK_THAT(check(moved).reason, Catch::Contains("not signed"));
  auto backdated = made;
  backdated.anchored_at -= std::chrono::hours(24);
  CHECK_FALSE(check(backdated).intact);
  const auto other = SecretBox::generate();
  const AnchorKey stranger(other);
  CHECK_FALSE(check(made, stranger).intact);
  auto forged = made;
  stranger.sign(forged);
  CHECK_THAT(check(forged).reason, Catch::Contains("not signed"));
}

TEST_CASE_METHOD(AnchorFixture, "no anchor vouches for an empty or a broken trail") {
  CHECK(test::error_code_of([&] { anchor(); }) == ErrorCode::invalid_input);
  append(3);
  tamper([](auto& s) {
    test::drop_audit_guards(s);
    s << "UPDATE audit_events SET detail = '{}' WHERE seq = 2", now;
  });
  CHECK(test::error_code_of([&] { anchor(); }) == ErrorCode::invalid_input);
}
