#include <catch2/catch.hpp>

#include "core/error.h"
#include "workflow/policy.h"

using namespace kanal;
using namespace kanal::workflow;

namespace {

Facts officer_on_agency_account() {
  Facts facts;
  facts.account_handle = "@agency@social.example";
  facts.author_role = Role::officer;
  return facts;
}

std::vector<Step> steps(const Facts& facts) { return Policy::defaults().evaluate(facts).steps; }

std::string refusal(std::string_view text) {
  try {
    Policy::parse(text);
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    return e.detail();
  }
  FAIL("the policy was accepted");
  return {};
}

}  // namespace

TEST_CASE("default policy: an officer's free-text post waits for the line manager") {
  const auto decision = Policy::defaults().evaluate(officer_on_agency_account());
  CHECK(decision.steps == std::vector<Step>{Step::line_manager});
  CHECK_THAT(decision.why, Catch::Contains("Everything else"));
}

TEST_CASE("default policy: a statement about rights goes to the subject expert, then the line manager") {
  auto facts = officer_on_agency_account();
  facts.rights_and_entitlements = true;
  CHECK(steps(facts) == std::vector<Step>{Step::subject_expert, Step::line_manager});
  facts.template_unchanged = true;  // a template that states rights is still checked
  CHECK(steps(facts) == std::vector<Step>{Step::subject_expert, Step::line_manager});
}

TEST_CASE("default policy: an unchanged template post needs no approval, an edited one does") {
  auto facts = officer_on_agency_account();
  facts.template_unchanged = true;
  CHECK(steps(facts).empty());
  facts.template_unchanged = false;
  CHECK(steps(facts) == std::vector<Step>{Step::line_manager});
}

TEST_CASE("default policy: the director's account — the director's own posts go out, drafts for it need the director") {
  Facts facts;
  facts.account_handle = "@director@social.example";
  facts.author_role = Role::director;
  CHECK(steps(facts).empty());
  facts.author_role = Role::officer;
  CHECK(steps(facts) == std::vector<Step>{Step::director});
  facts.template_unchanged = true;  // not even a template goes out on the director's name unseen
  CHECK(steps(facts) == std::vector<Step>{Step::director});
}

TEST_CASE("default policy: replies are reviewed, and in a crisis the director decides") {
  auto facts = officer_on_agency_account();
  facts.reply = true;
  CHECK(steps(facts) == std::vector<Step>{Step::line_manager});
  facts.crisis = true;
  CHECK(steps(facts) == std::vector<Step>{Step::director});
  facts.reply = false;
  facts.template_unchanged = true;
  CHECK(steps(facts) == std::vector<Step>{Step::director});
}

TEST_CASE("a policy file with unknown words or rules that can never match is refused with the line and the reason") {
  CHECK_THAT(refusal("A: when tuesday -> none\nB: always -> line_manager"),
             Catch::Contains("line 1") && Catch::Contains("unknown condition"));
  CHECK_THAT(refusal("A: post -> supervisor\nB: always -> line_manager"),
             Catch::Contains("line 1") && Catch::Contains("unknown step"));
  CHECK_THAT(refusal("# comment\nA: post and reply -> none\nB: always -> none"),
             Catch::Contains("line 2") && Catch::Contains("never match"));
  CHECK_THAT(refusal("A: always -> line_manager\nB: rights -> subject_expert"),
             Catch::Contains("line 2") && Catch::Contains("never match"));
  CHECK_THAT(refusal("A: author intern -> none\nB: always -> none"), Catch::Contains("unknown role"));
  CHECK_THAT(refusal("A: rights -> subject_expert"), Catch::Contains("last rule must decide"));
  CHECK_THAT(refusal("no colon here"), Catch::Contains("line 1"));
  CHECK_THAT(refusal(""), Catch::Contains("no rules"));
}

TEST_CASE("the default policy reads back from its own text") {
  const Policy copy = Policy::parse(Policy::default_text());
  CHECK(copy.rules().size() == Policy::defaults().rules().size());
  CHECK(copy.rules().back().name == "Everything else is reviewed by the line manager");
}
