// The approval workflow end to end, through kanald's API as each person
// would use it, and the ways people (or scripts) might try to get round it.

#include <catch2/catch.hpp>

#include <algorithm>

#include "api/client/api_client.h"
#include "core/error.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/team.h"
#include "support/template_post.h"
#include "workflow/policy.h"

using namespace kanal;
using test::error_code_of;

namespace {

Post edit_text(client::ApiClient& api, PostId id, const std::string& text) {
  wire::UpdatePostRequest edit;
  edit.version = api.get_post(id).get().version;
  edit.text = text;
  return api.update_post(id, edit).get();
}

std::vector<std::string> actions_on(client::ApiClient& api, PostId post) {
  const auto page = api.audit("object_type=post&object_id=" + std::to_string(post.value) + "&limit=100").get();
  std::vector<std::string> actions;
  for (const auto& event : page.events) actions.push_back(event.action);
  return actions;
}

// How many statuses the sandbox account `username` has published.
std::size_t statuses_of(test::SandboxProcess& sandbox, const std::string& username) {
  const auto statuses = sandbox.statuses();
  return static_cast<std::size_t>(std::count_if(statuses.Begin(), statuses.End(), [&](const rapidjson::Value& status) {
    return username == status["account"].GetString();
  }));
}

wire::DecisionRequest saw(const wire::ReviewView& view, std::string comment = {}) {
  return wire::DecisionRequest{view.review.content_hash, std::move(comment)};
}

}  // namespace

TEST_CASE("an officer's post is sent back, edited, approved and published, every step on record") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  test::Team team(kanald);
  const auto account = test::connect_sandbox_account(team.admin(), sandbox);
  auto& officer = team.add("olle", Role::officer);
  auto& manager = team.add("maja", Role::line_manager);

  const auto post = officer.create_post({"Our office in Kiruna is closed on Friday.", {}}).get();
  // Free text on the agency's account waits for the line manager.
  CHECK(error_code_of([&] { officer.publish(post.id, {{account.id}}).get(); }) == ErrorCode::approval_required);
  const auto submitted = officer.submit(post.id, {account.id}).get();
  CHECK(submitted.review.steps == std::vector<std::string>{"line_manager"});
  CHECK(submitted.next_step == "line_manager");
  CHECK_FALSE(submitted.may_decide);
  CHECK_THAT(submitted.why_not, Catch::Contains("own work"));
  CHECK(officer.get_post(post.id).get().state == PostState::in_review);
  CHECK(officer.approvals().get().empty());

  const auto queue = manager.approvals().get();
  REQUIRE(queue.size() == 1);
  CHECK(queue[0].post == post.id);
  CHECK(queue[0].step == "line_manager");
  CHECK_THAT(queue[0].why, Catch::Contains("Everything else is reviewed by the line manager"));
  const auto first_look = manager.review(post.id).get();
  CHECK(first_look.may_decide);
  CHECK(first_look.last_seen.empty());
  manager.send_back(post.id, saw(first_look, "Say which office, and when it opens again.")).get();
  CHECK(officer.get_post(post.id).get().state == PostState::rejected);
  CHECK(manager.approvals().get().empty());

  // The officer edits: a draft again, submitted anew.
  edit_text(officer, post.id, "Our office in Kiruna is closed on Friday 4 December. It opens again on Monday.");
  CHECK(officer.get_post(post.id).get().state == PostState::draft);
  officer.submit(post.id, {account.id}).get();
  const auto second_look = manager.review(post.id).get();
  // What the manager saw last time, to show what changed since.
  CHECK_THAT(second_look.last_seen, Catch::Contains("closed on Friday.\""));
  CHECK_THAT(second_look.review.content, Catch::Contains("opens again on Monday"));
  manager.approve(post.id, saw(second_look)).get();
  CHECK(officer.get_post(post.id).get().state == PostState::approved);

  officer.publish(post.id, {{account.id}}).get();
  CHECK(test::wait_until_settled(officer, post.id).at(0).state == "published");
  CHECK(sandbox.statuses().Size() == 1);

  const auto check = team.admin().verify_audit().get();
  CHECK(check.intact);
  CHECK(actions_on(team.admin(), post.id) == std::vector<std::string>{"post.create", "post.submit", "post.send_back",
                                                                      "post.edit", "post.submit", "post.approve",
                                                                      "post.publish", "post.published"});
}

TEST_CASE("approvals cannot be got round: own work, wrong role, stale or replayed approvals, other accounts") {
  test::SandboxProcess agency({"--accounts", "2"});
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  test::Team team(kanald);
  const auto account = test::connect_sandbox_account(team.admin(), agency);
  const auto other = test::connect_sandbox_account(team.admin(), agency);
  REQUIRE(other.id != account.id);
  auto& officer = team.add("olle", Role::officer);
  auto& manager = team.add("maja", Role::line_manager);
  auto& expert = team.add("erik", Role::subject_expert);
  auto& records = team.add("rut", Role::records_officer);

  const auto post = officer.create_post({"The library van comes to Jokkmokk on Tuesday.", {}}).get();
  const auto view = officer.submit(post.id, {account.id}).get();

  SECTION("nobody approves their own work") {
    // An officer may not approve at all...
    CHECK(error_code_of([&] { officer.approve(post.id, saw(view)).get(); }) == ErrorCode::forbidden);
    // ...and a line manager may not approve what they wrote or submitted.
    const auto own = manager.create_post({"Our phone lines open at 8 tomorrow.", {}}).get();
    const auto own_view = manager.submit(own.id, {account.id}).get();
    CHECK(error_code_of([&] { manager.approve(own.id, saw(own_view)).get(); }) == ErrorCode::forbidden);
    CHECK(manager.get_post(own.id).get().state == PostState::in_review);
  }

  SECTION("whoever changed a word of it cannot approve it") {
    const auto draft = officer.create_post({"The van comes on Tuesday.", {}}).get();
    edit_text(manager, draft.id, "The van comes on Tuesday at 10.");  // the manager's words now
    const auto submitted = officer.submit(draft.id, {account.id}).get();
    CHECK(error_code_of([&] { manager.approve(draft.id, saw(submitted)).get(); }) == ErrorCode::forbidden);
    CHECK_THAT(manager.review(draft.id).get().why_not, Catch::Contains("own work"));
  }

  SECTION("an approval given under a laxer policy does not carry a stricter one") {
    manager.approve(post.id, saw(manager.review(post.id).get())).get();
    team.admin().replace_policy("Election period: always -> director\n").get();
    CHECK(error_code_of([&] { officer.publish(post.id, {{account.id}}).get(); }) == ErrorCode::approval_required);
    CHECK(agency.statuses().Size() == 0);
  }

  SECTION("a decision cannot be recorded on a post that is being published") {
    const auto routine = officer.create_post({"Hello", {}}).get();
    team.admin().replace_policy("Nothing needs approval: always -> none\n").get();
    officer.publish(routine.id, {{account.id}}).get();
    CHECK(error_code_of([&] {
            manager.approve(routine.id, {std::string(64, '0'), ""}).get();
          }) == ErrorCode::invalid_input);
  }

  SECTION("a role without the step cannot take it") {
    CHECK(error_code_of([&] { expert.approve(post.id, saw(view)).get(); }) == ErrorCode::forbidden);
    CHECK(error_code_of([&] { records.approve(post.id, saw(view)).get(); }) == ErrorCode::forbidden);
  }

  SECTION("an approval of a stale version, or replayed after an edit, is refused") {
    CHECK(error_code_of([&] {
            manager.approve(post.id, {std::string(64, '0'), ""}).get();
          }) == ErrorCode::stale_version);
    const auto looked = manager.review(post.id).get();
    edit_text(officer, post.id, "The library van comes to Jokkmokk on Wednesday.");
    // The edit voided the submission and sent the post back to review.
    CHECK(officer.get_post(post.id).get().state == PostState::in_review);
    CHECK(error_code_of([&] { manager.approve(post.id, saw(looked)).get(); }) == ErrorCode::stale_version);
    const auto fresh = manager.review(post.id).get();
    CHECK(fresh.review.content_hash != looked.review.content_hash);
    manager.approve(post.id, saw(fresh)).get();
    // Replaying the approval once given changes nothing either.
    CHECK(error_code_of([&] { manager.approve(post.id, saw(fresh)).get(); }) == ErrorCode::invalid_input);
    officer.publish(post.id, {{account.id}}).get();
    CHECK(test::wait_until_settled(officer, post.id).at(0).state == "published");
  }

  SECTION("an edit after approval voids it, and nothing goes out until approved again") {
    manager.approve(post.id, saw(manager.review(post.id).get())).get();
    edit_text(officer, post.id, "The library van comes to Jokkmokk on Tuesday at 10.");
    CHECK(officer.get_post(post.id).get().state == PostState::in_review);
    CHECK(error_code_of([&] { officer.publish(post.id, {{account.id}}).get(); }) == ErrorCode::approval_required);
    CHECK(agency.statuses().Size() == 0);
  }

  SECTION("an approval holds for the accounts it was given for") {
    manager.approve(post.id, saw(manager.review(post.id).get())).get();
    CHECK(error_code_of([&] {
            officer.publish(post.id, {{account.id, other.id}}).get();
          }) == ErrorCode::approval_required);
    CHECK(error_code_of([&] { officer.publish(post.id, {{other.id}}).get(); }) == ErrorCode::approval_required);
    officer.publish(post.id, {{account.id}}).get();
    CHECK(test::wait_until_settled(officer, post.id).size() == 1);
    CHECK(statuses_of(agency, "kanal_demo") == 1);
    CHECK(statuses_of(agency, "kanal_demo2") == 0);
  }

  SECTION("a records officer reads everything and writes nothing") {
    CHECK(records.get_post(post.id).get().id == post.id);
    CHECK(records.audit("limit=5").get().events.size() == 5);
    CHECK(error_code_of([&] { records.create_post({"Hello", {}}).get(); }) == ErrorCode::forbidden);
    CHECK(error_code_of([&] { edit_text(records, post.id, "Changed"); }) == ErrorCode::forbidden);
    CHECK(error_code_of([&] { records.submit(post.id, {account.id}).get(); }) == ErrorCode::forbidden);
    CHECK(error_code_of([&] { records.publish(post.id, {{account.id}}).get(); }) == ErrorCode::forbidden);
    CHECK(error_code_of([&] { records.replace_policy("All: always -> none\n").get(); }) == ErrorCode::forbidden);
    CHECK(error_code_of([&] { records.delete_post(post.id).get(); }) == ErrorCode::forbidden);
  }
}

TEST_CASE("rights go to the expert first, template posts need none, the director approves the director's account") {
  test::SandboxProcess sandbox({"--accounts", "2"});
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  test::Team team(kanald);
  const auto account = test::connect_sandbox_account(team.admin(), sandbox);
  const auto director_account = test::connect_sandbox_account(team.admin(), sandbox);
  REQUIRE(director_account.id != account.id);
  // The default policy names the director's account by its handle: this workspace's.
  std::string policy(workflow::Policy::default_text());
  for (auto at = policy.find("@director@social.example"); at != std::string::npos;
       at = policy.find("@director@social.example")) {
    policy.replace(at, std::string("@director@social.example").size(), director_account.handle);
  }
  team.admin().replace_policy(policy).get();
  auto& officer = team.add("olle", Role::officer);
  auto& manager = team.add("maja", Role::line_manager);
  auto& expert = team.add("erik", Role::subject_expert);
  auto& director = team.add("dora", Role::director);

  // A rule about child benefit: the expert first, then the line manager.
  const auto rights = officer.create_post({"Du har rätt till barnbidrag från första månaden.", {}}).get();
  auto view = officer.submit(rights.id, {account.id}).get();
  CHECK(view.review.steps == std::vector<std::string>{"subject_expert", "line_manager"});
  CHECK(error_code_of([&] { manager.approve(rights.id, saw(view)).get(); }) == ErrorCode::forbidden);
  expert.approve(rights.id, saw(view)).get();
  CHECK(officer.get_post(rights.id).get().state == PostState::in_review);
  CHECK(manager.review(rights.id).get().next_step == "line_manager");
  manager.approve(rights.id, saw(view)).get();
  CHECK(officer.get_post(rights.id).get().state == PostState::approved);

  // An unchanged template post goes out without anyone's approval.
  const auto routine = test::create_template_post(officer);
  officer.publish(routine.id, {{account.id}}).get();
  CHECK(test::wait_until_settled(officer, routine.id).at(0).state == "published");

  // A draft for the director's account waits for the director; a line manager cannot take that step.
  const auto for_director = officer.create_post({"Thank you to everyone who came to Almedalen.", {}}).get();
  view = officer.submit(for_director.id, {director_account.id}).get();
  CHECK(view.review.steps == std::vector<std::string>{"director"});
  CHECK(error_code_of([&] { manager.approve(for_director.id, saw(view)).get(); }) == ErrorCode::forbidden);
  CHECK(director.approvals().get().size() == 1);
  director.approve(for_director.id, saw(view)).get();
  officer.publish(for_director.id, {{director_account.id}}).get();
  CHECK(test::wait_until_settled(officer, for_director.id).at(0).state == "published");

  // The director posts on their own account at once.
  const auto own = director.create_post({"On my way to the Riksdag hearing.", {}}).get();
  director.publish(own.id, {{director_account.id}}).get();
  CHECK(test::wait_until_settled(director, own.id).at(0).state == "published");
  CHECK(statuses_of(sandbox, "kanal_demo2") == 2);
  CHECK(team.admin().verify_audit().get().intact);
}

TEST_CASE("the director's account is the director's: per-account permissions decide who drafts, approves, publishes") {
  test::SandboxProcess sandbox({"--accounts", "2"});
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  test::Team team(kanald);
  const auto agency = test::connect_sandbox_account(team.admin(), sandbox);
  const auto director_account = test::connect_sandbox_account(team.admin(), sandbox);
  auto& officer = team.add("olle", Role::officer);
  auto& manager = team.add("maja", Role::line_manager);
  auto& director = team.add("dora", Role::director);
  auto& deputy = team.add("dan", Role::director);

  // Dora's staff may draft for her account; only she approves and publishes there.
  team.admin()
      .set_account_permissions(director_account.id, {{team.user("dora").id, {"draft", "publish", "approve"}},
                                                     {team.user("olle").id, {"draft"}}})
      .get();
  CHECK(team.admin().account_permissions(director_account.id).get().size() == 2);
  CHECK(team.admin().account_permissions(agency.id).get().empty());  // open to every role
  CHECK(error_code_of([&] {
          team.admin().set_account_permissions(agency.id, {{team.user("olle").id, {"delete everything"}}}).get();
        }) == ErrorCode::invalid_input);
  CHECK(error_code_of([&] { officer.set_account_permissions(agency.id, {}).get(); }) == ErrorCode::forbidden);

  const auto draft = officer.create_post({"Thank you, Kiruna, for a warm welcome.", {}}).get();
  const auto view = officer.submit(draft.id, {director_account.id}).get();
  CHECK(view.review.steps == std::vector<std::string>{"line_manager"});  // the handle is not the policy's
  // Maja may take a line manager's step, but not on this account; nor may another director:
  // the account is closed to them, and so is what is written for it.
  CHECK(error_code_of([&] { manager.approve(draft.id, saw(view)).get(); }) == ErrorCode::not_found);
  CHECK(error_code_of([&] { deputy.approve(draft.id, saw(view)).get(); }) == ErrorCode::not_found);
  CHECK(manager.approvals().get().empty());
  CHECK(director.approvals().get().size() == 1);
  director.approve(draft.id, saw(view)).get();
  // Approved, but the officer may not publish on the director's account.
  CHECK(error_code_of([&] { officer.publish(draft.id, {{director_account.id}}).get(); }) == ErrorCode::forbidden);
  director.publish(draft.id, {{director_account.id}}).get();
  CHECK(test::wait_until_settled(director, draft.id).at(0).state == "published");

  // Nobody else even submits for it.
  const auto other = manager.create_post({"Our offices are open as usual.", {}}).get();
  CHECK(error_code_of([&] { manager.submit(other.id, {director_account.id}).get(); }) == ErrorCode::forbidden);
  const auto changes = team.admin().audit("action=account.permissions_change").get().events;
  REQUIRE(changes.size() == 1);
  CHECK_THAT(changes[0].detail, Catch::Contains("\"before\":\"[]\""));
}

TEST_CASE(
    "a director who edits an officer's draft for the director's account posts it as theirs, "
    "and four eyes hold where the policy asks") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  test::Team team(kanald);
  const auto account = test::connect_sandbox_account(team.admin(), sandbox);
  auto& officer = team.add("olle", Role::officer);
  auto& manager = team.add("maja", Role::line_manager);
  auto& director = team.add("dora", Role::director);
  team.admin()
      .set_account_permissions(account.id, {{team.user("dora").id, {"draft", "publish", "approve"}},
                                            {team.user("olle").id, {"draft"}},
                                            {team.user("maja").id, {"approve"}}})
      .get();
  CHECK(director.me().get().own_accounts == std::vector<AccountId>{account.id});
  CHECK(officer.me().get().own_accounts.empty());
  const auto policy = [&](const std::string& directors_own) {
    team.admin()
        .replace_policy("The director's own posts: account " + account.handle + " and author director -> " +
                        directors_own + "\nDrafts for the director's account: account " + account.handle +
                        " -> director\nEverything else: always -> line_manager\n")
        .get();
  };

  SECTION("the policy lets the director's own posts go: the edited draft goes at once") {
    policy("none");
    const auto draft = officer.create_post({"Välkomna till Kiruna.", {}}).get();
    CHECK(officer.submit(draft.id, {account.id}).get().review.steps == std::vector<std::string>{"director"});
    // Were the director to submit it unedited, it would still be the officer's.
    CHECK(director.approval(draft.id).get().at(0).steps == std::vector<std::string>{"director"});
    edit_text(director, draft.id, "Välkomna till Kiruna, och tack för i går.");
    // Saving the edit is no approval: it waits, as the officer's, for the director.
    const auto saved = director.review(draft.id).get();
    CHECK(saved.review.state == ReviewState::pending);
    CHECK(saved.review.steps == std::vector<std::string>{"director"});
    CHECK_FALSE(saved.may_decide);  // the director wrote part of it now
    CHECK(error_code_of([&] { officer.publish(draft.id, {{account.id}}).get(); }) == ErrorCode::forbidden);
    // Submitted by the director, it is the director's post.
    const auto view = director.submit(draft.id, {account.id}).get();
    CHECK(view.review.state == ReviewState::approved);
    CHECK(view.review.steps.empty());
    CHECK(view.review.submitted_by == team.user("dora").id);
    director.publish(draft.id, {{account.id}}).get();
    CHECK(test::wait_until_settled(director, draft.id).at(0).state == "published");
    // The account is the director's: so is its trail (an admin not listed for it does not see it).
    const auto edits =
        director.audit("action=post.edit&object_type=post&object_id=" + std::to_string(draft.id.value)).get().events;
    CHECK(team.admin()
              .audit("action=post.edit&object_type=post&object_id=" + std::to_string(draft.id.value))
              .get()
              .events.empty());
    REQUIRE(edits.size() == 1);
    CHECK(edits[0].actor == std::optional(team.user("dora").id));
  }
  SECTION("the policy asks a line manager for the director's own posts: the director cannot clear their edit") {
    policy("line_manager");
    const auto draft = officer.create_post({"Vi har öppet i helgen.", {}}).get();
    officer.submit(draft.id, {account.id}).get();
    edit_text(director, draft.id, "Vi har öppet i helgen, 10–14.");
    const auto view = director.submit(draft.id, {account.id}).get();
    CHECK(view.review.steps == std::vector<std::string>{"line_manager"});
    CHECK_FALSE(view.may_decide);
    // An edit that changes nothing makes nobody a writer.
    const auto second = officer.create_post({"Stängt på midsommarafton.", {}}).get();
    officer.submit(second.id, {account.id}).get();
    edit_text(director, second.id, "Stängt på midsommarafton.");
    CHECK(director.review(second.id).get().may_decide);
    CHECK(error_code_of([&] { director.approve(draft.id, saw(view)).get(); }) == ErrorCode::forbidden);
    CHECK(error_code_of([&] { director.publish(draft.id, {{account.id}}).get(); }) == ErrorCode::approval_required);
    manager.approve(draft.id, saw(view)).get();
    director.publish(draft.id, {{account.id}}).get();
    CHECK(test::wait_until_settled(director, draft.id).at(0).state == "published");
  }
}

TEST_CASE("a crisis pause is lifted only by someone at least as senior as whoever set it, or an admin") {
  test::KanaldProcess kanald;
  test::Team team(kanald);
  auto& officer = team.add("olle", Role::officer);
  auto& manager = team.add("maja", Role::line_manager);
  auto& director = team.add("dora", Role::director);

  const auto directors = director.pause({"Storm in Norrbotten: every post waits", {}}).get();
  for (auto* junior : {&officer, &manager}) {
    try {
      junior->resume(directors.id).get();
      FAIL("a junior lifted the director's pause");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::forbidden);
      CHECK_THAT(e.detail(), Catch::Contains("director"));
    }
  }
  CHECK(director.publishing_status().get().pauses.size() == 1);
  // Demoting the director since does not make their pause a manager's to lift.
  team.admin().update_user(team.user("dora").id, {std::nullopt, Role::officer}).get();
  CHECK(test::error_code_of([&] { manager.resume(directors.id).get(); }) == ErrorCode::forbidden);
  team.admin().update_user(team.user("dora").id, {std::nullopt, Role::director}).get();
  director.resume(directors.id).get();

  // An officer's pause is anyone's to lift who may publish; an admin lifts any.
  const auto officers = officer.pause({"A wrong date in the morning's posts", {}}).get();
  manager.resume(officers.id).get();
  const auto again = director.pause({"Wait for the minister's statement", {}}).get();
  team.admin().resume(again.id).get();
  CHECK(director.publishing_status().get().pauses.empty());
  CHECK(team.admin().audit("action=publishing.resume").get().events.size() == 3);
}

TEST_CASE("a colleague's draft is changed only by a line manager or above, on the record, and its author hears of it") {
  test::SandboxProcess agency;
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  test::Team team(kanald);
  const auto account = test::connect_sandbox_account(team.admin(), agency);
  auto& olle = team.add("olle", Role::officer);
  auto& otto = team.add("otto", Role::officer);
  auto& expert = team.add("erik", Role::subject_expert);
  auto& manager = team.add("maja", Role::line_manager);

  const auto post = olle.create_post({"The library van comes to Jokkmokk on Tuesday.", {}}).get();
  olle.submit(post.id, {account.id}).get();
  const auto before = olle.notices(0).get();

  // Another officer, or the expert, may neither change nor delete it.
  for (auto* colleague : {&otto, &expert}) {
    CHECK(error_code_of([&] { edit_text(*colleague, post.id, "The van does not come."); }) == ErrorCode::forbidden);
    CHECK(error_code_of([&] { colleague->delete_post(post.id).get(); }) == ErrorCode::forbidden);
  }
  CHECK(olle.get_post(post.id).get().text == "The library van comes to Jokkmokk on Tuesday.");
  CHECK(olle.get_post(post.id).get().state == PostState::in_review);
  CHECK(olle.notices(0).get().size() == before.size());  // nothing happened to it

  // A line manager may; the submission is void on the record, and the post is reviewed again.
  edit_text(manager, post.id, "The library van comes to Jokkmokk on Tuesday at 10.");
  const auto actions = actions_on(team.admin(), post.id);
  CHECK(std::count(actions.begin(), actions.end(), "post.approval_void") == 1);
  const auto trail = team.admin().audit("action=post.approval_void").get();
  REQUIRE(trail.events.size() == 1);
  CHECK(trail.events[0].actor == team.user("maja").id);
  CHECK_THAT(trail.events[0].detail, Catch::Contains("edited by another person"));

  // The author hears of both: the change and the voided approvals, by whom.
  const auto notices = olle.notices(before.empty() ? 0 : before.back().id).get();
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].action == "post.edit");
  CHECK(notices[1].action == "post.approval_void");
  CHECK(notices[0].by == team.user("maja").display_name);
  CHECK(notices[1].post == post.id);
  // Nobody else hears of it, and the author is not told of their own edits.
  CHECK(otto.notices(0).get().empty());
  edit_text(olle, post.id, "The library van comes to Jokkmokk on Tuesday at 11.");
  CHECK(olle.notices(notices.back().id).get().empty());
  CHECK(manager.notices(0).get().empty());
}

namespace {

// A day `days` from today (UTC), as the series request takes it: "2027-01-05".
std::string day_from_today(int days) {
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) +
                                        std::chrono::days(days)};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return text;
}

}  // namespace

TEST_CASE("copies of a repeated post keep its words and its author: nobody who wrote it approves a copy") {
  test::SandboxProcess agency;
  test::KanaldProcess kanald({}, test::ApprovalPolicy::kanal_default);
  test::Team team(kanald);
  const auto account = test::connect_sandbox_account(team.admin(), agency);
  auto& lars = team.add("lars", Role::line_manager);  // writes the reminder
  auto& maja = team.add("maja", Role::line_manager);  // changes a word of it
  auto& olle = team.add("olle", Role::officer);       // makes it a daily series
  auto& mats = team.add("mats", Role::line_manager);  // wrote none of it

  const auto post = lars.create_post({"Remember: our office closes at 15 on Fridays.", {}}).get();
  edit_text(maja, post.id, "Reminder: our office closes at 15 on Fridays.");
  const auto series =
      olle.schedule_series(
              post.id,
              {{account.id}, "daily", "", 1, "09:00", "Europe/Stockholm", "", day_from_today(2), day_from_today(4)})
          .get();
  REQUIRE(series.size() == 3);
  const auto copy = series[1].post;
  REQUIRE(copy != post.id);

  // The copy is the author's, with its words and its origin in the trail.
  CHECK(team.admin().get_post(copy).get().author == team.user("lars").id);
  const auto created =
      team.admin().audit("action=post.create&object_type=post&object_id=" + std::to_string(copy.value)).get();
  REQUIRE(created.events.size() == 1);
  CHECK(created.events[0].actor == team.user("olle").id);
  CHECK_THAT(created.events[0].detail, Catch::Contains("Reminder: our office closes at 15 on Fridays."));
  CHECK_THAT(created.events[0].detail, Catch::Contains("\"copy_of\":" + std::to_string(post.id.value)));

  // Submitted for approval: neither its author nor whoever changed the
  // original, nor whoever made the copy, may approve it; someone else may.
  const auto view = olle.submit(copy, {account.id}).get();
  for (auto* writer : {&lars, &maja}) {
    CHECK(error_code_of([&] { writer->approve(copy, saw(view)).get(); }) == ErrorCode::forbidden);
    CHECK_THAT(writer->review(copy).get().why_not, Catch::Contains("own work"));
  }
  mats.approve(copy, saw(mats.review(copy).get())).get();
  CHECK(team.admin().get_post(copy).get().state == PostState::approved);
}
