// What the inbox makes of a comment: the engagement decision as the store
// keeps it, never an exception for bad text, and a person's decision on top.
#include <catch2/catch.hpp>

#include "inbox/moderator.h"

using namespace kanal;
using namespace kanal::inbox;

namespace {

Moderator workspace() {
  engagement::RuleContext rules;
  rules.own_domains = {"forsakringskassan.se"};
  rules.blocked_terms = engagement::BlockedTerms::parse("lögnare\n");
  return Moderator(std::move(rules), engagement::ModerationPolicy::defaults());
}

}  // namespace

TEST_CASE("a rule decides with certainty and hides, an ordinary question is kept") {
  const auto moderator = workspace();
  const auto exposed = moderator.judge("Min granne 19121212-1212 fuskar.");
  CHECK(exposed.decision.category == "personal_data");
  CHECK(exposed.decision.score_permille == 1000);
  CHECK(exposed.decision.decided_by == "rule:identity_number");
  CHECK(exposed.hide);
  CHECK_FALSE(exposed.needs_review);

  const auto scam = moderator.judge("Logga in här: https://forsakringskassan-se.com/bankid");
  CHECK(scam.decision.category == "scam");
  CHECK(scam.hide);
  CHECK(scam.needs_review);  // the default for scams: hide and ask a person

  const auto question = moderator.judge("När betalas bostadsbidraget ut i december?");
  CHECK(question.decision.action == "keep");
  CHECK_FALSE(question.hide);
}

TEST_CASE("text that is not UTF-8 is judged in its repaired form, never thrown back") {
  const auto moderator = workspace();
  const std::string broken = "Du \xff\xfe \xc3 19121212-1212";
  const auto judged = moderator.judge(broken);
  CHECK(judged.decision.category == "personal_data");
  CHECK_NOTHROW(moderator.judge(std::string(1024 * 1024, '\x80')));
}

TEST_CASE("a person's decision says who decided and what was decided before") {
  const store::ModerationDecision before{"hate", 870, "hide", "model", "model: hate 0.87"};
  const auto kept = Moderator::by_person(before, engagement::Action::keep, "maja");
  CHECK(kept.decision.action == "keep");
  CHECK(kept.decision.category == "hate");
  CHECK(kept.decision.decided_by == "person:maja");
  CHECK_THAT(kept.decision.reason, Catch::Contains("was: hide by model"));
  CHECK_FALSE(kept.hide);
  CHECK_FALSE(kept.needs_review);
  CHECK(Moderator::by_person(before, engagement::Action::hide, "maja").hide);
}
