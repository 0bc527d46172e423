// The moderation policy (defaults, the file, the review thresholds) and the rules
// that need no model, together: identity numbers and look-alike links are
// hidden; criticism and bad language are kept, and no policy can say
// otherwise.
#include <catch2/catch.hpp>

#include "core/error.h"
#include "engagement/moderation_rules.h"

using namespace kanal::engagement;

TEST_CASE("the default policy hides threats, hate and personal data, reviews the uncertain, keeps criticism") {
  const auto policy = ModerationPolicy::defaults();
  CHECK(policy.action_for(Category::threat, 0.95) == Action::hide);
  CHECK(policy.action_for(Category::threat, 0.6) == Action::review);  // uncertain: a person looks
  CHECK(policy.action_for(Category::threat, 0.3) == Action::keep);
  CHECK(policy.action_for(Category::hate, 0.8) == Action::hide);
  CHECK(policy.action_for(Category::hate, 0.5) == Action::review);  // hate's own review threshold, 0.45
  CHECK(policy.action_for(Category::hate, 0.4) == Action::keep);
  CHECK(policy.action_for(Category::threat, 0.36) == Action::review);  // threat's, 0.35
  CHECK(policy.action_for(Category::personal_data, 1.0) == Action::hide);
  CHECK(policy.action_for(Category::scam, 0.9) == Action::hide_and_review);
  CHECK(policy.action_for(Category::criticism, 1.0) == Action::keep);
  CHECK(policy.action_for(Category::profanity, 1.0) == Action::keep);
  CHECK(policy.action_for(Category::question, 1.0) == Action::keep);
  // What it writes, it reads back the same.
  CHECK(ModerationPolicy::parse(policy.text()).text() == policy.text());
}

TEST_CASE("a workspace policy changes actions and thresholds, and a wrong line is refused with its number") {
  const auto policy = ModerationPolicy::parse("# stricter on threats\nthreat hide 0.6\nspam keep\n");
  CHECK(policy.action_for(Category::threat, 0.65) == Action::hide);
  CHECK(policy.action_for(Category::spam, 1.0) == Action::keep);
  CHECK(policy.action_for(Category::hate, 0.9) == Action::hide);      // not listed: the default
  CHECK(policy.action_for(Category::threat, 0.4) == Action::review);  // no review threshold: the band below 0.6
  CHECK(policy.action_for(Category::threat, 0.29) == Action::keep);

  // A review threshold of its own, written back as read.
  const auto reviewed = ModerationPolicy::parse("hate hide 0.80 review 0.40\nthreat hide_and_review 0.9 review 0.2\n");
  CHECK(reviewed.action_for(Category::hate, 0.41) == Action::review);
  CHECK(reviewed.action_for(Category::hate, 0.39) == Action::keep);
  CHECK(reviewed.action_for(Category::threat, 0.25) == Action::review);
  CHECK(reviewed.action_for(Category::threat, 0.95) == Action::hide_and_review);
  CHECK(reviewed.text().find("hate hide 0.80 review 0.40\n") != std::string::npos);
  CHECK(ModerationPolicy::parse(reviewed.text()).text() == reviewed.text());

  auto refusal = [](const std::string& text) {
    try {
      ModerationPolicy::parse(text);
    } catch (const kanal::Error& e) {
      return e.detail();
    }
    return std::string("accepted");
  };
  CHECK(refusal("threat hide 0.8\ncriticism hide 0.9\n") ==
        "line 2: criticism is always kept: a public body does not hide its critics or bad language");
  CHECK(refusal("profanity review\n").rfind("line 1: profanity is always kept", 0) == 0);
  CHECK(refusal("threat hide 1.5\n") == "line 1: the threshold is a number from 0 to 1, not \"1.5\"");
  CHECK(refusal("hate hide 0.8 review 1.2\n") == "line 1: the review threshold is a number from 0 to 1, not \"1.2\"");
  CHECK(refusal("hate hide 0.5 review 0.6\n") == "line 1: the review threshold is above the threshold 0.5");
  CHECK(refusal("hate hide 0.8 0.4\n").rfind("line 1: write a category, an action, a threshold", 0) == 0);
  CHECK(refusal("hate hide 0.8 check 0.4\n").rfind("line 1: write a category", 0) == 0);
  CHECK(refusal("insults hide\n") == "line 1: unknown category \"insults\"");
  CHECK(refusal("threat delete\n").rfind("line 1: unknown action \"delete\"", 0) == 0);
  CHECK(refusal("threat hide\nthreat review\n") == "line 2: threat is already on line 1");
}

TEST_CASE("the rules hide identity numbers and look-alike links, and keep criticism and swearing") {
  const RuleContext context{{"forsakringskassan.se"}, BlockedTerms::parse("lögnare\n")};
  const auto number = apply_rules("Hans personnummer är 811218-9876, han fuskar!", context);
  REQUIRE(number);
  CHECK(number->category == Category::personal_data);
  CHECK(number->rule == "identity_number");
  const auto scam = apply_rules("Få din återbetalning: https://forsakringskassan-se.com/bankid", context);
  REQUIRE(scam);
  CHECK(scam->category == Category::scam);
  CHECK(scam->reason == "links to forsakringskassan-se.com, which imitates forsakringskassan.se");
  const auto term = apply_rules("Ni är lögnare!", context);
  REQUIRE(term);
  CHECK(term->rule == "blocked_term");

  for (const auto* kept :
       {"Fan vad dåligt, tre månader har jag väntat på beslutet!",
        "Er handläggare Anna fattade ett uselt beslut och ni borde skämmas.", "Jävligt bra jobbat med nya appen, tack!",
        "När betalas barnbidraget ut i mars? Se https://www.forsakringskassan.se/barn"}) {
    INFO(kept);
    CHECK_FALSE(apply_rules(kept, context));
  }
}
