// The inbox's storage: each item once per account, keyset pages by filters,
// decisions, visibility, answers and the sync cursor — on SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include "store/account_repository.h"
#include "store/interaction_repository.h"
#include "support/store_fixture.h"

using namespace kanal;
using namespace kanal::store;

namespace {

struct Inbox : test::StoreFixture {
  Account account = add_account();

  NewInteraction comment(const std::string& id, const std::string& text, const std::string& language = "sv") {
    NewInteraction item;
    item.account = account.id;
    item.network_id = id;
    item.kind = "reply";
    item.author_id = "42";
    item.author_handle = "@anna@social.example";
    item.author_name = "Anna";
    item.text = text;
    item.language = language;
    item.created_at = t0;
    item.in_reply_to = "1";
    item.decision = {"question", 910, "keep", "model", "model: question 0.91"};
    return item;
  }
};

}  // namespace

TEST_CASE_METHOD(Inbox, "an item is stored once per account and network id") {
  const auto first = db->transact([&](auto& s) { return InteractionRepository(s).insert(comment("100", "Hej?"), t0); });
  REQUIRE(first.has_value());
  const auto again = db->transact([&](auto& s) { return InteractionRepository(s).insert(comment("100", "Hej?"), t0); });
  CHECK_FALSE(again.has_value());
  const auto found = db->read([&](auto& s) { return InteractionRepository(s).find(*first); });
  REQUIRE(found);
  CHECK(found->text == "Hej?");
  CHECK(found->state == InboxState::new_);
  CHECK(found->decision.score_permille == 910);
  CHECK(found->visibility == Visibility::visible);
  CHECK_FALSE(found->post.has_value());
}

TEST_CASE_METHOD(Inbox, "pages go newest first by filters, with excerpts and counts") {
  db->transact([&](auto& s) {
    InteractionRepository inbox(s);
    for (int i = 0; i < 5; ++i) inbox.insert(comment(std::to_string(200 + i), std::string(400, 'x'), "sv"), t0);
    inbox.insert(comment("300", "Hello", "en"), t0);
  });
  InboxQuery query;
  query.language = "sv";
  query.limit = 2;
  query.excerpt_characters = 10;
  const auto first = db->read([&](auto& s) { return InteractionRepository(s).page(query); });
  REQUIRE(first.items.size() == 2);
  CHECK(first.items[0].text == std::string(10, 'x'));
  CHECK(first.items[0].id > first.items[1].id);
  REQUIRE(first.next_before);
  CHECK(db->read([&](auto& s) { return InteractionRepository(s).count(query); }) == 5);
}

TEST_CASE_METHOD(Inbox, "decisions, visibility, assignment and the first answer are kept") {
  const auto id = *db->transact([&](auto& s) { return InteractionRepository(s).insert(comment("400", "?"), t0); });
  db->transact([&](auto& s) {
    InteractionRepository inbox(s);
    inbox.record_decision(id, {"threat", 950, "hide", "model", "model: threat"}, false);
    CHECK(inbox.set_visibility(id, Visibility::hidden, "hidden on Mastodon", Visibility::visible));
    // A second outcome for what was visible no longer applies: a person (or the first) changed it.
    CHECK_FALSE(inbox.set_visibility(id, Visibility::hide_refused, "refused", Visibility::visible));
    inbox.assign(id, author.id);
    inbox.mark_answered(id, t0 + std::chrono::minutes(30));
    inbox.mark_answered(id, t0 + std::chrono::minutes(90));  // the first answer stays
  });
  const auto found = *db->read([&](auto& s) { return InteractionRepository(s).find(id); });
  CHECK(found.decision.category == "threat");
  CHECK(found.visibility == Visibility::hidden);
  CHECK(found.assignee == author.id);
  CHECK(found.state == InboxState::answered);
  CHECK(found.first_answer_at == t0 + std::chrono::minutes(30));
  const auto cursor = db->transact([&](auto& s) {
    InteractionRepository inbox(s);
    inbox.set_cursor(account.id, {"500", t0, ""});
    inbox.set_cursor(account.id, {"600", t0, ""});
    return inbox.cursor(account.id);
  });
  CHECK(cursor.cursor == "600");
}
