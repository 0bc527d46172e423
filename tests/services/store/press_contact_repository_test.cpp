// Press contacts and their handles per network, on SQLite and PostgreSQL:
// stored and read back whole, changed, handles moved between contacts in
// one transaction, and the store's own guard against two contacts with one
// name at one organisation or one handle on a network.
#include <catch2/catch.hpp>

#include "contacts/contact_rules.h"
#include "store/press_contact_repository.h"
#include "support/errors.h"
#include "support/store_fixture.h"

using namespace kanal;
using namespace kanal::contacts;
using kanal::store::PressContactRepository;

namespace {

PressContact contact(std::string name, std::string organisation, std::vector<NetworkHandle> handles) {
  PressContact c;
  c.name = std::move(name);
  c.organisation = std::move(organisation);
  c.role = PressRole::journalist;
  c.notes = "Ring före tio";
  c.handles = std::move(handles);
  sort_handles(c.handles);
  return c;
}

}  // namespace

TEST_CASE_METHOD(test::StoreFixture, "a press contact is stored with its handles and read back whole") {
  const auto added = db->transact([&](auto& s) {
    return PressContactRepository(s).add(
        contact("Åsa Östlund", "Sveriges Radio", {{"x", "@asaostlund"}, {"mastodon", "@asa@journalist.social"}}), t0);
  });
  CHECK(added.id.valid());
  const auto found = db->read([&](auto& s) { return PressContactRepository(s).find(added.id); });
  REQUIRE(found);
  CHECK(found->name == "Åsa Östlund");
  CHECK(found->organisation == "Sveriges Radio");
  CHECK(found->role == PressRole::journalist);
  CHECK(found->notes == "Ring före tio");
  CHECK(found->handles == std::vector<NetworkHandle>{{"mastodon", "@asa@journalist.social"}, {"x", "@asaostlund"}});
  CHECK(found->created_at == t0);
  CHECK(found->updated_at == t0);
  CHECK(db->read([&](auto& s) { return PressContactRepository(s).find(PressContactId{added.id.value + 1}); }) ==
        std::nullopt);
}

TEST_CASE_METHOD(test::StoreFixture, "contacts are listed by id, each with only its own handles") {
  db->transact([&](auto& s) {
    PressContactRepository contacts(s);
    contacts.add(contact("Anna Svensson", "DN", {{"x", "@annasvensson"}}), t0);
    contacts.add(contact("Anna Svensson", "Sydsvenskan", {}), t0);  // a namesake elsewhere
    contacts.add(contact("Bo Ek", "", {{"bluesky", "@boek.bsky.social"}, {"x", "@boek"}}), t0);
  });
  const auto all = db->read([&](auto& s) { return PressContactRepository(s).all(); });
  REQUIRE(all.size() == 3);
  CHECK(all[0].handles.size() == 1);
  CHECK(all[1].organisation == "Sydsvenskan");
  CHECK(all[1].handles.empty());
  CHECK(all[2].handles == std::vector<NetworkHandle>{{"bluesky", "@boek.bsky.social"}, {"x", "@boek"}});
}

TEST_CASE_METHOD(test::StoreFixture, "a change replaces the contact's text and handles, and deleting removes it") {
  const auto later = t0 + std::chrono::hours(1);
  auto stored = db->transact([&](auto& s) {
    return PressContactRepository(s).add(contact("Lars Berg", "SVT", {{"x", "@larsberg"}}), t0);
  });
  stored.organisation = "TV4";
  stored.role = PressRole::editor;
  stored.handles = {{"mastodon", "@lars@mastodon.nu"}};
  const auto changed = db->transact([&](auto& s) { return PressContactRepository(s).update(stored, later); });
  CHECK(changed.organisation == "TV4");
  CHECK(changed.role == PressRole::editor);
  CHECK(changed.handles == std::vector<NetworkHandle>{{"mastodon", "@lars@mastodon.nu"}});
  CHECK(changed.created_at == t0);
  CHECK(changed.updated_at == later);

  CHECK(db->transact([&](auto& s) { return PressContactRepository(s).remove(stored.id); }));
  CHECK_FALSE(db->transact([&](auto& s) { return PressContactRepository(s).remove(stored.id); }));
  CHECK(db->read([&](auto& s) { return PressContactRepository(s).all(); }).empty());
  auto gone = stored;
  CHECK(test::error_code_of([&] { db->transact([&](auto& s) { PressContactRepository(s).update(gone, later); }); }) ==
        ErrorCode::not_found);
}

TEST_CASE_METHOD(test::StoreFixture, "a handle moves from one contact to another in one transaction") {
  auto [first, second] = db->transact([&](auto& s) {
    PressContactRepository contacts(s);
    return std::pair{contacts.add(contact("Maja Ek", "DN", {{"x", "@dnpolitik"}}), t0),
                     contacts.add(contact("Per Holm", "DN", {}), t0)};
  });
  first.handles.clear();
  second.handles = {{"x", "@dnpolitik"}};
  db->transact([&](auto& s) {
    PressContactRepository contacts(s);
    contacts.clear_handles(first.id);
    contacts.clear_handles(second.id);
    contacts.update(second, t0);  // before the first gives it up: the handles were cleared first
    contacts.update(first, t0);
  });
  const auto all = db->read([&](auto& s) { return PressContactRepository(s).all(); });
  CHECK(all[0].handles.empty());
  CHECK(all[1].handles == std::vector<NetworkHandle>{{"x", "@dnpolitik"}});
}

TEST_CASE_METHOD(test::StoreFixture,
                 "the store refuses a second contact of one name at one organisation, or one handle twice") {
  db->transact([&](auto& s) {
    PressContactRepository(s).add(contact("Anna Svensson", "DN", {{"x", "@annasvensson"}}), t0);
  });
  CHECK_THROWS_AS(
      db->transact([&](auto& s) { PressContactRepository(s).add(contact("ANNA  svensson", "dn", {}), t0); }), Error);
  CHECK_THROWS_AS(db->transact([&](auto& s) {
    PressContactRepository(s).add(contact("Anna Svensson", "SvD", {{"x", "@AnnaSvensson"}}), t0);
  }),
                  Error);
  // Neither half of a refused transaction stays.
  const auto all = db->read([&](auto& s) { return PressContactRepository(s).all(); });
  REQUIRE(all.size() == 1);
  // The same handle on another network is another account.
  db->transact([&](auto& s) {
    PressContactRepository(s).add(contact("Anna Svensson", "SvD", {{"mastodon", "@annasvensson"}}), t0);
  });
}
