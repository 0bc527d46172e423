// The identity-number rules: every number with valid check digits is found
// (the vectors were made with an independent script from each country's
// published algorithm), numbers that fail their check are not, nor are
// phone numbers, amounts and dates.
#include <catch2/catch.hpp>

#include "engagement/identity_numbers.h"

using kanal::engagement::find_identity_numbers;
using kanal::engagement::IdentityNumberKind;

namespace {

std::vector<std::string> kinds_in(const std::string& text) {
  std::vector<std::string> kinds;
  for (const auto& match : find_identity_numbers(text)) {
    kinds.emplace_back(kanal::engagement::to_string(match.kind));
    CHECK(match.offset + match.length <= text.size());
  }
  return kinds;
}

}  // namespace

TEST_CASE("valid identity numbers of four countries are found where they stand in a comment") {
  const std::vector<std::pair<std::string, std::string>> valid{
      {"811218-9876", "se_personnummer"},  {"850312-1231", "se_personnummer"},
      {"900101-0017", "se_personnummer"},  {"8112189876", "se_personnummer"},
      {"198112189876", "se_personnummer"}, {"19811218-9876", "se_personnummer"},
      {"811218+9876", "se_personnummer"},  {"850372-1238", "se_samordningsnummer"},
      {"070761-1006", "dk_cpr"},           {"150384-1009", "dk_cpr"},
      {"01010710029", "no_fodselsnummer"}, {"24128510180", "no_fodselsnummer"},
      {"41010710012", "no_d_number"},      {"131052-308T", "fi_henkilotunnus"},
      {"010594Y9032", "fi_henkilotunnus"}, {"150280A123W", "fi_henkilotunnus"},
  };
  for (const auto& [number, kind] : valid) {
    INFO(number);
    const std::string comment = "Min mammas nummer är " + number + ", kan ni kolla hennes ärende?";
    const auto matches = find_identity_numbers(comment);
    REQUIRE(matches.size() == 1);
    CHECK(std::string(kanal::engagement::to_string(matches.front().kind)) == kind);
    CHECK(comment.substr(matches.front().offset, matches.front().length) == number);
  }
}

TEST_CASE("a wrong check digit, an impossible date or a longer number is not an identity number") {
  for (const auto* text : {"811218-9875", "850312-1232", "8112189877", "070761-1007", "01010710028", "131052-308A",
                           "811318-9876",  // month 13
                           "810230-1234",  // 30 February
                           "0701234567",   // a Swedish mobile number
                           "Utbetalningen blir 12 345 kronor den 2027-01-25.", "Ring 08-123 456 78", "ID8112189876",
                           "81121898761", "8112189876X"}) {
    INFO(text);
    CHECK(kinds_in(text).empty());
  }
}

TEST_CASE("several numbers in one text are all found") {
  CHECK(kinds_in("Han har 811218-9876 och hon 131052-308T, barnet 01010710029.") ==
        std::vector<std::string>{"se_personnummer", "fi_henkilotunnus", "no_fodselsnummer"});
}
