// The moderation classifier that ships (assets/moderation/model.bin,
// compiled in) and moderate(): the targets on the contrast
// templates held out of training, identity numbers, explanations, and bad
// or huge input.
#include <catch2/catch.hpp>

#include <chrono>
#include <iostream>

#include "core/error.h"
#include "engagement/moderation.h"
#include "training.h"

using namespace kanal::engagement;
namespace training = kanal::moderation_training;

namespace {

Verdict judge(std::string_view text) {
  return moderate(text, RuleContext{}, Classifier::builtin(), ModerationPolicy::defaults());
}

}  // namespace

TEST_CASE("the builtin model meets the targets on the held-out contrast templates") {
  const auto rows = training::read_contrast_dir(KANAL_CONTRAST_DIR);
  const auto evaluation =
      training::evaluate(rows, Classifier::builtin(), ModerationPolicy::defaults(), /*identity_numbers=*/true);
  std::cout << "Builtin model on the contrast test templates (default policy):\n"
            << training::report_markdown(evaluation) << std::endl;
  CHECK(evaluation.contrast_criticism_profanity_hidden <= 0.05);
  CHECK(evaluation.contrast_threat_hate_caught >= 0.85);
  for (const auto& tally : evaluation.tallies) {
    INFO(tally.name);
    if (tally.name == "identity numbers (valid check digits)") CHECK(tally.hidden == tally.rows);
    if (tally.name == "identity numbers (invalid check digits)") CHECK(tally.hidden == 0);
  }
}

TEST_CASE("a furious complaint and a sweary thank-you stay, a threat and hate do not") {
  for (const auto* kept :
       {"Ni på kassan är helt jävla inkompetenta, fyra månader utan beslut!",
        "Fucking hell, the payment finally came through. Thank you so much!",
        "When is the housing benefit paid in May?", "The director's decision to cut sick pay is a disgrace."}) {
    INFO(kept);
    CHECK_FALSE(hides(judge(kept).action));
  }
  const auto threat = judge("I know where my caseworker lives and I will kill her.");
  CHECK(threat.action != Action::keep);
  CHECK(threat.category == Category::threat);
  CHECK(threat.decided_by == "model");
  CHECK(threat.reason.rfind("model: threat ", 0) == 0);
}

TEST_CASE("rules decide before the model, with certainty") {
  const auto verdict = judge("Her personnummer är 811218-9876, hon fuskar!");
  CHECK(verdict.category == Category::personal_data);
  CHECK(verdict.decided_by == "rule:identity_number");
  CHECK(verdict.score == 1.0);
  CHECK(verdict.action == Action::hide);
}

TEST_CASE("explain names the features that pushed towards a category") {
  const auto& model = Classifier::builtin();
  const std::string text = "Refugees are vermin and parasites, throw them out.";
  const auto features = model.explain(text, Category::hate, 5);
  REQUIRE_FALSE(features.empty());
  CHECK(features.size() <= 5);
  for (std::size_t i = 1; i < features.size(); ++i) CHECK(features[i - 1].weight >= features[i].weight);
  CHECK(features.front().weight > 0);
  CHECK(model.explain(text, Category::personal_data, 5).empty());  // not a model class
  const auto scores = model.classify(text);
  double total = 0;
  for (const double p : scores.probability) total += p;
  CHECK(total == Approx(1.0));
}

TEST_CASE("the text is normalised before features are taken") {
  CHECK(classifier_tokens("FUUUUCK @some_one https://x.example/a?b 12 345 Försäkringskassan DON'T!!!") ==
        "fuuck <user> <url> <num> <num> försäkringskassan dont !");
  CHECK(classifier_tokens("ＦＵＬＬ width ﬁne") == "full width fine");  // NFKC
  CHECK(classifier_tokens("ÆØÅ äö") == "æøå äö");
}

TEST_CASE("invalid UTF-8 is a typed error, not a guess") {
  const std::string broken = "bad \xC3\x28 bytes";
  CHECK_THROWS_MATCHES(Classifier::builtin().classify(broken), kanal::Error,
                       Catch::Predicate<kanal::Error>(
                           [](const kanal::Error& e) { return e.code() == kanal::ErrorCode::invalid_input; }));
  CHECK_THROWS_AS(judge(broken), kanal::Error);
}

TEST_CASE("a 10 MB comment is classified without trouble") {
  std::string huge;
  const std::string sentence = "Fan vad länge jag har väntat på sjukpenningen, ni är värdelösa! ";
  while (huge.size() < 10'000'000) huge += sentence;
  const auto started = std::chrono::steady_clock::now();
  const auto verdict = judge(huge);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "10 MB comment: " << to_string(verdict.action) << " as " << to_string(verdict.category) << " in "
            << seconds << " s" << std::endl;
  CHECK(verdict.score >= 0.0);
  CHECK(verdict.score <= 1.0);
}
