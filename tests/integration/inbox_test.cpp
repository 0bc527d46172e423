// The engagement inbox end to end: kanald syncs what citizens wrote on the
// sandbox, the moderation hides hate, threats and exposed identity numbers
// on the network while a furious complaint and a sweary thank-you stay, a
// person can reverse any decision, the team answers through the approval
// policy, and bad input from the network ends in a skipped item, a resync
// or a recorded refusal — never a lost or doubled comment.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "api/client/api_client.h"
#include "core/error.h"
#include "core/json.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/eventually.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/team.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

// kanald syncs by itself only at start and then hourly: the tests sync when they choose.
const std::vector<std::string> kSyncOnDemand{"--inbox-sync-s", "3600"};

// The agency's post the comments answer: published through kanald, so the
// inbox knows which post they are about.
std::string publish_post(client::ApiClient& api, test::SandboxProcess& sandbox, AccountId account,
                         const std::string& text) {
  const auto post = api.create_post({text, {}}).get();
  api.publish(post.id, {{account}}).get();
  REQUIRE(test::wait_until_settled(api, post.id).at(0).state == "published");
  const auto statuses = sandbox.statuses();
  return statuses[statuses.Size() - 1]["id"].GetString();
}

// The inbox item whose text contains `words`.
wire::InboxItem item_with(client::ApiClient& api, const std::string& words) {
  wire::InboxFilter filter;
  filter.limit = 500;
  for (const auto& item : api.inbox(filter).get().items) {
    if (item.text.find(words) != std::string::npos) return item;
  }
  FAIL("no inbox item says: " << words);
  return {};
}

// Whether the sandbox shows the status (false: hidden by the agency).
bool hidden_on_sandbox(test::SandboxProcess& sandbox, const std::string& status_id) {
  const auto statuses = sandbox.all_statuses();
  for (const auto& status : statuses.GetArray()) {
    if (status_id == status["id"].GetString()) return status["hidden"].GetBool();
  }
  FAIL("the sandbox has no status " << status_id);
  return false;
}

std::vector<std::string> actions_on(client::ApiClient& api, InteractionId item) {
  std::vector<std::string> actions;
  const auto page = api.audit("object_type=interaction&object_id=" + std::to_string(item.value) + "&limit=100").get();
  for (const auto& event : page.events) actions.push_back(event.action);
  return actions;
}

}  // namespace

TEST_CASE(
    "hate, threats and identity numbers are hidden on the network, while a furious complaint and a sweary thank-you "
    "stay") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald(kSyncOnDemand);
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  const auto post = publish_post(api, sandbox, account.id, "Housing benefit for December is paid on the 18th.");

  const std::map<std::string, std::string> comments{
      {"threat", "I know where caseworker Lena lives and I am going to kill her."},
      {"hate", "Muslims are filthy vermin, every one of them should be thrown out of this country."},
      {"identity", "My neighbour Karin Berg 19121212-1212 is cheating you, check her."},
      {"complaint",
       "This is a fucking disgrace. Three months and my housing benefit is still not paid, and your useless "
       "caseworkers never answer the phone."},
      {"thanks", "Holy shit, thank you so much! The payment finally came through today."},
      {"question", "When is the housing benefit paid if the 18th is a Sunday?"},
  };
  std::map<std::string, std::string> ids;
  for (const auto& [name, text] : comments)
    ids[name] = sandbox.comment(test::comment_json(text, post, "citizen_" + name));

  const auto synced = api.sync_inbox(account.id).get();
  CHECK(synced.stored == 6);
  CHECK(synced.problems.empty());

  // Dealt with as the policy says: hidden on the network when the model is
  // sure (or a rule decides), otherwise queued for a person to review.
  for (const auto* name : {"threat", "hate", "identity"}) {
    INFO(name);
    const auto item = item_with(api, comments.at(name).substr(0, 30));
    CHECK(item.action != "keep");
    const bool hidden = item.action == "hide" || item.action == "hide_and_review";
    CHECK(item.needs_review == (item.action != "hide"));
    CHECK(item.visibility == (hidden ? "hidden" : "visible"));
    CHECK(hidden_on_sandbox(sandbox, ids[name]) == hidden);
    // Hidden comments are kept whole: they remain a public record.
    CHECK(api.conversation(item.id).get().item.text == comments.at(name));
    const std::vector<std::string> trail =
        hidden ? std::vector<std::string>{"interaction.moderated", "interaction.network"}
               : std::vector<std::string>{"interaction.moderated"};
    CHECK(actions_on(api, item.id) == trail);
  }
  const auto identity = item_with(api, "My neighbour");
  CHECK(identity.category == "personal_data");
  CHECK(identity.decided_by == "rule:identity_number");

  for (const auto* name : {"complaint", "thanks", "question"}) {
    INFO(name);
    const auto item = item_with(api, comments.at(name).substr(0, 30));
    CHECK(item.action == "keep");
    CHECK(item.visibility == "visible");
    CHECK_FALSE(hidden_on_sandbox(sandbox, ids[name]));
    CHECK(item.state == "new");
    // The inbox knows which of the agency's posts it answers.
    CHECK(item.post.has_value());
  }

  // Syncing again brings nothing twice.
  const auto again = api.sync_inbox(account.id).get();
  CHECK(again.stored == 0);
  wire::InboxFilter all;
  all.count = true;
  CHECK(api.inbox(all).get().total == 6);
  wire::InboxFilter hidden;
  hidden.state = "hidden";
  hidden.count = true;
  wire::InboxFilter review;
  review.state = "review";
  review.count = true;
  CHECK(*api.inbox(hidden).get().total + *api.inbox(review).get().total == 3);
}

TEST_CASE("a person reverses a decision: shown again on the network, hidden again, every step audited") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald(kSyncOnDemand);
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  const auto post = publish_post(api, sandbox, account.id, "Pensions rise by 2.3 percent in January.");
  const auto status = sandbox.comment(
      test::comment_json("My number is 19121212-1212, please check my pension.", post, "citizen_pension"));
  api.sync_inbox(account.id).get();
  const auto item = item_with(api, "My number is");
  REQUIRE(item.visibility == "hidden");

  const auto shown = api.moderate(item.id, "unhide").get();
  CHECK(shown.visibility == "visible");
  CHECK(shown.action == "keep");
  CHECK_THAT(shown.decided_by, Catch::StartsWith("person:"));
  CHECK_FALSE(hidden_on_sandbox(sandbox, status));

  const auto again = api.moderate(item.id, "hide").get();
  CHECK(again.visibility == "hidden");
  CHECK(hidden_on_sandbox(sandbox, status));

  const auto asked = api.moderate(item.id, "review").get();
  CHECK(asked.needs_review);
  wire::InboxFilter review;
  review.state = "review";
  CHECK(api.inbox(review).get().items.size() == 1);

  CHECK(actions_on(api, item.id) == std::vector<std::string>{"interaction.moderated", "interaction.network",
                                                             "interaction.moderated", "interaction.network",
                                                             "interaction.moderated", "interaction.network",
                                                             "interaction.moderated"});
  CHECK(api.verify_audit().get().intact);
  CHECK(test::error_code_of([&] { api.moderate(item.id, "destroy").get(); }) == ErrorCode::invalid_input);
  // Mastodon (the sandbox) lets an account delete only its own posts: said, and nothing changes.
  const auto kept = api.moderate(item.id, "delete").get();
  CHECK_THAT(kept.network_note, Catch::Contains("does not let Kanal delete comments"));
  CHECK(kept.visibility == asked.visibility);
}

TEST_CASE("the team answers a payment question through the approval policy, and the time to first answer shows") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald(kSyncOnDemand, test::ApprovalPolicy::kanal_default);
  test::Team team(kanald);
  const auto account = test::connect_sandbox_account(team.admin(), sandbox);
  auto& officer = team.add("olle", Role::officer);
  auto& manager = team.add("maja", Role::line_manager);
  const auto question = sandbox.comment(
      R"({"text":"@kanal_demo When is the child benefit paid in December?","from":"citizen_anna","language":"en"})");
  officer.sync_inbox(std::nullopt).get();
  const auto item = item_with(officer, "child benefit");
  CHECK(item.category == "question");
  CHECK(item.kind == "mention");

  // Saved replies, per language, for the answers the team gives often.
  officer.add_saved_reply({0, "Payment dates", "en", "Hi {name}, the child benefit is paid on the 20th."}).get();
  CHECK(officer.saved_replies().get().size() == 1);

  // Replies to citizens are reviewed by the line manager (Kanal's default policy).
  const auto answer =
      officer.answer(item.id, {"Hi Anna, the money arrives on Friday 18 December this year.", "en"}).get();
  CHECK_FALSE(answer.queued);
  CHECK(answer.waiting_for == "line_manager");
  CHECK(officer.conversation(item.id).get().item.state == "assigned");
  CHECK(sandbox.statuses().Size() == 0);

  const auto view = manager.review(answer.post).get();
  manager.approve(answer.post, {view.review.content_hash, ""}).get();
  // With the last approval it goes out, as a reply to the question.
  CHECK(test::wait_until_settled(officer, answer.post).at(0).state == "published");
  const auto statuses = sandbox.statuses();
  REQUIRE(statuses.Size() == 1);
  CHECK(std::string(statuses[0]["in_reply_to_id"].GetString()) == question);
  CHECK_THAT(statuses[0]["text"].GetString(), Catch::Contains("18 December"));

  const auto answered = officer.conversation(item.id).get();
  CHECK(answered.item.state == "answered");
  REQUIRE(answered.item.first_answer_at.has_value());
  REQUIRE(answered.answers.size() == 1);
  CHECK(answered.answers[0].state == "published");
  const auto now = SystemClock{}.now();
  const auto weeks = officer.answer_times(now - 24h, now + 1h).get();
  REQUIRE(weeks.size() == 1);
  CHECK(weeks[0].answered == 1);
  CHECK(weeks[0].median_s.has_value());

  officer.set_inbox_state(item.id, "done").get();
  wire::InboxFilter done;
  done.state = "done";
  CHECK(officer.inbox(done).get().items.size() == 1);
}

TEST_CASE(
    "bad input from the network: malformed items, a 10 MB comment, a forgotten cursor, a hide not answered or "
    "refused") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald(kSyncOnDemand);
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  const auto post = publish_post(api, sandbox, account.id, "Sick pay: what changes in 2027.");

  SECTION("an item that does not read is skipped and logged; the rest of the page is stored") {
    for (int i = 0; i < 3; ++i) sandbox.comment(test::comment_json("Question " + std::to_string(i), post, "citizen_q"));
    sandbox.add_fault(R"({"kind":"malformed_items","path":"/api/v1/notifications","count":1})");
    const auto synced = api.sync_inbox(account.id).get();
    CHECK(synced.unreadable == 1);
    CHECK(synced.stored == 2);
    CHECK(kanald.log().find("was skipped") != std::string::npos);
  }

  SECTION("a 10 MB comment is stored (cut where Kanal stops keeping) and listed shortened") {
    const std::string huge = "Why " + std::string(10 * 1024 * 1024, 'a');
    sandbox.comment(test::comment_json(huge, post, "citizen_huge"));
    const auto synced = api.sync_inbox(account.id).get();
    CHECK(synced.stored == 1);
    const auto listed = item_with(api, "Why aaaa");
    CHECK(listed.excerpt);
    CHECK(listed.text.size() == 280);
    const auto whole = api.conversation(listed.id).get().item;
    CHECK(whole.truncated);
    CHECK(whole.text.size() == 100'000);
  }

  SECTION("a cursor the network no longer accepts: synced again from the start, nothing twice") {
    sandbox.comment(test::comment_json("First question", post, "citizen_a"));
    CHECK(api.sync_inbox(account.id).get().stored == 1);
    sandbox.comment(test::comment_json("Second question", post, "citizen_b"));
    sandbox.add_fault(R"({"kind":"unprocessable","path":"/api/v1/notifications","count":1})");
    const auto synced = api.sync_inbox(account.id).get();
    CHECK(synced.problems.empty());
    CHECK(synced.stored == 1);
    CHECK(synced.duplicates == 1);
    wire::InboxFilter all;
    all.count = true;
    CHECK(api.inbox(all).get().total == 2);
  }

  SECTION("a hide the network does not answer is tried again; one refused, with the muting, waits for a person") {
    sandbox.add_fault(R"({"kind":"server_error","path":"/api/v1/kanal_sandbox","count":1})");
    const auto first = sandbox.comment(test::comment_json("Her number is 19121212-1212.", post, "citizen_c"));
    api.sync_inbox(account.id).get();
    auto item = item_with(api, "Her number");
    CHECK(item.action == "hide");
    CHECK(item.visibility == "hide_pending");
    CHECK_FALSE(hidden_on_sandbox(sandbox, first));
    api.sync_inbox(account.id).get();  // the next round tries again
    CHECK(item_with(api, "Her number").visibility == "hidden");
    CHECK(hidden_on_sandbox(sandbox, first));

    sandbox.add_fault(R"({"kind":"unprocessable","path":"/api/v1/kanal_sandbox","count":1})");
    // (the account check may ask /api/v1/accounts/verify_credentials meanwhile: a few to spare)
    sandbox.add_fault(R"({"kind":"unprocessable","path":"/api/v1/accounts","count":3})");
    const auto second = sandbox.comment(test::comment_json("His number is 19121212-1212.", post, "citizen_d"));
    api.sync_inbox(account.id).get();
    item = item_with(api, "His number");
    CHECK(item.visibility == "hide_refused");
    CHECK_THAT(item.network_note, Catch::Contains("wanted hidden"));
    CHECK(item.needs_review);
    CHECK_FALSE(hidden_on_sandbox(sandbox, second));
    wire::InboxFilter review;
    review.state = "review";
    CHECK(api.inbox(review).get().items.size() == 1);
  }
}

TEST_CASE("the inbox filters by account, category and language, and pages through newest first") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald(kSyncOnDemand);
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  const auto post = publish_post(api, sandbox, account.id, "Bostadsbidraget betalas ut den 18:e.");
  for (int i = 0; i < 7; ++i) {
    sandbox.comment(
        test::comment_json("Fråga nummer " + std::to_string(i) + ": när kommer pengarna?", post, "medborgare", "sv"));
  }
  sandbox.comment(test::comment_json("When does the money come?", post, "citizen_en", "en"));
  const auto synced = api.sync_inbox(account.id).get();
  INFO((synced.problems.empty() ? std::string() : synced.problems.front())
       << " fetched " << synced.fetched << " dup " << synced.duplicates << " unreadable " << synced.unreadable);
  REQUIRE(synced.stored == 8);

  wire::InboxFilter swedish;
  swedish.language = "sv";
  swedish.limit = 3;
  swedish.count = true;
  auto page = api.inbox(swedish).get();
  CHECK(page.total == 7);
  std::vector<std::int64_t> seen;
  for (;;) {
    for (const auto& item : page.items) seen.push_back(item.id.value);
    if (!page.next_before) break;
    swedish.before = page.next_before;
    page = api.inbox(swedish).get();
  }
  CHECK(seen.size() == 7);
  CHECK(std::is_sorted(seen.rbegin(), seen.rend()));
  wire::InboxFilter other;
  other.account = AccountId{account.id.value + 100};
  CHECK(api.inbox(other).get().items.empty());
  wire::InboxFilter bad;
  bad.category = "nonsense";
  CHECK(test::error_code_of([&] { api.inbox(bad).get(); }) == ErrorCode::invalid_input);
}

TEST_CASE("where the network cannot hide a reply (plain Mastodon), the author is muted instead") {
  test::SandboxProcess sandbox({"--plain-mastodon"});
  test::KanaldProcess kanald(kSyncOnDemand);
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  const auto post = publish_post(api, sandbox, account.id, "New opening hours from Monday.");
  const auto status = sandbox.comment(test::comment_json("Call her: 19121212-1212.", post, "citizen_doxx"));
  api.sync_inbox(account.id).get();
  const auto item = item_with(api, "Call her");
  CHECK(item.visibility == "hidden");
  CHECK_THAT(item.network_note, Catch::Contains("is muted"));
  CHECK_FALSE(hidden_on_sandbox(sandbox, status));
  const auto moderation = sandbox.moderation();
  REQUIRE(moderation["muted"].Size() == 1);
  CHECK(std::string(moderation["muted"][0]["account"].GetString()) == "citizen_doxx");

  // A person may still report it to the server's moderators.
  const auto reported = api.moderate(item.id, "report").get();
  CHECK_THAT(reported.network_note, Catch::Contains("reported"));
  CHECK(sandbox.moderation()["reports"].Size() == 1);
}

TEST_CASE("kanald killed and started again goes on from its cursor: nothing lost, nothing twice") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald(kSyncOnDemand);
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  const auto post = publish_post(api, sandbox, account.id, "Winter opening hours.");
  for (int i = 0; i < 50; ++i)
    sandbox.comment(test::comment_json("Before " + std::to_string(i), post, "citizen_before"));
  CHECK(api.sync_inbox(account.id).get().stored == 50);

  kanald.kill();
  for (int i = 0; i < 30; ++i) sandbox.comment(test::comment_json("After " + std::to_string(i), post, "citizen_after"));
  const auto asked_before = sandbox.requests_to("GET", "/api/v1/notifications");
  kanald.start();
  client::ApiClient again(kanald.endpoint());
  // kanald syncs once as it starts; whatever that took, a sync now finds the rest.
  again.sync_inbox(account.id).get();
  wire::InboxFilter all;
  all.count = true;
  CHECK(again.inbox(all).get().total == 80);
  // From the cursor, the 30 new ones fit one page (of 40) and the next sync
  // finds nothing: two requests. From the start it would take three pages.
  CHECK(sandbox.requests_to("GET", "/api/v1/notifications") - asked_before == 2);
}
