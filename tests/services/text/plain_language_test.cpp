#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "support/errors.h"
#include "text/plain_language.h"
#include "text/unicode_text.h"

using namespace kanal::text;

namespace {

CheckResult check(std::string_view text, std::string language) {
  CheckOptions options;
  options.language = std::move(language);
  return check_plain_language(text, options);
}

const Hint* find_hint(const CheckResult& result, std::string_view kind) {
  const auto it = std::find_if(result.hints.begin(), result.hints.end(), [&](const Hint& h) { return h.kind == kind; });
  return it == result.hints.end() ? nullptr : &*it;
}

Readability score(std::string_view text, std::string_view language) { return readability(to_unicode(text), language); }

}  // namespace

TEST_CASE("Readability: Flesch, LIX and Amstad's German Flesch on texts with known scores") {
  // The textbook example: 6 words, 6 syllables, 1 sentence → 116.1.
  const Readability flesch = score("The cat sat on the mat.", "en");
  CHECK(flesch.measure == ReadabilityMeasure::flesch);
  CHECK(flesch.score == Approx(116.145));
  // 10 words, 2 sentences, 2 words over six letters → 10/2 + 100·2/10 = 25.
  const Readability lix = score("Vi betalar ut pengarna i mars. Ansök i god tid.", "sv");
  CHECK(lix.measure == ReadabilityMeasure::lix);
  CHECK(lix.statistics.words == 10);
  CHECK(lix.statistics.sentences == 2);
  CHECK(lix.score == Approx(25.0));
  // Danish and Norwegian use LIX too.
  CHECK(score("Vi udbetaler pengene i marts.", "da").measure == ReadabilityMeasure::lix);
  CHECK(score("Vi betaler ut pengene i mars.", "nb").measure == ReadabilityMeasure::lix);
  // 180 − 4 words per sentence − 58.5 × 1 syllable per word = 117.5.
  const Readability amstad = score("Das ist ein Haus.", "de");
  CHECK(amstad.measure == ReadabilityMeasure::flesch_amstad);
  CHECK(amstad.score == Approx(117.5));
}

TEST_CASE("A hard Swedish text gets a LIX hint against the target, an easy one none") {
  const std::string hard =
      "Handläggningstiden för ansökningar avseende bostadsbidrag förlängs temporärt beroende på "
      "omfattande systemförändringar och organisatoriska omprioriteringar inom myndigheten.";
  const CheckResult result = check(hard, "sv");
  REQUIRE(result.readability);
  CHECK(result.readability->score > 40);
  const Hint* hint = find_hint(result, "readability");
  REQUIRE(hint != nullptr);
  CHECK(hint->message.find("LIX") != std::string::npos);
  CHECK(find_hint(check("Vi betalar ut pengarna i mars. Ansök i god tid.", "sv"), "readability") == nullptr);
}

TEST_CASE("Jargon gets a hint at its place with the plain alternative") {
  const std::string text = "Ditt bidrag beviljas om du inkommer med intyg.";
  const CheckResult result = check(text, "sv");
  const Hint* hint = find_hint(result, "jargon");
  REQUIRE(hint != nullptr);
  REQUIRE(hint->span);
  CHECK(hint->span->start == 12);
  CHECK(hint->span->end == 20);
  CHECK(hint->suggestion.find("du får") != std::string::npos);
}

TEST_CASE("Statements about rights and entitlements are flagged for an expert's check, per language") {
  CHECK(check("Du har rätt till bostadsbidrag.", "sv").needs_expert_check);
  CHECK(check("Du har ret til boligstøtte.", "da").needs_expert_check);
  CHECK(check("Du har rett til bostøtte.", "nb").needs_expert_check);
  CHECK(check("You may be entitled to a benefit.", "en").needs_expert_check);
  CHECK_FALSE(check("Vårt kontor är stängt på fredag.", "sv").needs_expert_check);
}

TEST_CASE("ALL CAPS, unreadable hashtags, too many hashtags, emoji and links") {
  const CheckResult caps = check("VIKTIG INFORMATION om utbetalningen. Kontakta NAV.", "sv");
  const Hint* shouting = find_hint(caps, "all_caps");
  REQUIRE(shouting != nullptr);
  CHECK(shouting->span->start == 0);
  CHECK(shouting->suggestion.find("Viktig information") != std::string::npos);
  CHECK(std::count_if(caps.hints.begin(), caps.hints.end(), [](const Hint& h) { return h.kind == "all_caps"; }) == 1);

  CHECK(find_hint(check("Läs mer #bostadsbidragforbarnfamiljer", "sv"), "hashtag_case") != nullptr);
  CHECK(find_hint(check("Läs mer #BostadsbidragForBarnfamiljer", "sv"), "hashtag_case") == nullptr);
  CHECK(find_hint(check("#a #b #c #d", "en"), "too_many_hashtags") != nullptr);
  CHECK(find_hint(check("Hej 🎉🎉🎉🎉", "sv"), "too_many_emoji") != nullptr);
  CHECK(find_hint(check("https://a.se https://b.se https://c.se", "sv"), "too_many_links") != nullptr);
}

TEST_CASE("An image without alt text is a blocking hint") {
  CheckOptions options;
  options.images_without_alt = 1;
  const CheckResult result = check_plain_language("Se bilden.", options);
  const Hint* hint = find_hint(result, "alt_text");
  REQUIRE(hint != nullptr);
  CHECK(hint->severity == Severity::blocking);
}

TEST_CASE("Spelling with hunspell marks unknown words and suggests") {
  const CheckResult result = check("Vi betalar ut bostadsbidraget i mras.", "sv");
  CHECK(result.spelling_checked);
  const Hint* hint = find_hint(result, "spelling");
  REQUIRE(hint != nullptr);
  CHECK(hint->span->start == 32);
  CHECK(hint->suggestion.find("mars") != std::string::npos);
  // Norwegian's dictionary is not UTF-8: words with æ, ø, å still check.
  CHECK(find_hint(check("Søknaden må være sendt før fristen.", "nb"), "spelling") == nullptr);
}

TEST_CASE("A language with no dictionary says so, and the other checks still run") {
  const CheckResult result = check("Hakemus käsitellään kahden viikon kuluessa. Asumistuki maksetaan.", "fi");
  CHECK_FALSE(result.spelling_checked);
  const Hint* hint = find_hint(result, "spelling");
  REQUIRE(hint != nullptr);
  CHECK_FALSE(hint->span);
  CHECK(hint->message.find("no dictionary") != std::string::npos);
  CHECK(result.readability);
  CHECK(result.needs_expert_check);
}

TEST_CASE("Bad input: invalid UTF-8 is refused, and a 100,000-character text is checked") {
  CHECK(kanal::test::error_code_of([] { check("hej \xC0\x80", "sv"); }) == kanal::ErrorCode::invalid_input);
  std::string huge;
  while (huge.size() < 100'000) huge += "Du har rätt till bostadsbidrag om du ansöker i tid. ";
  CheckOptions options;
  options.language = "sv";
  const CheckResult result = check_plain_language(huge, options);
  CHECK(result.needs_expert_check);
  CHECK(result.readability);
}
