// Links that imitate the agency's domains are found; the agency's own
// links, and other honest links, are not.
#include <catch2/catch.hpp>

#include "engagement/lookalike_links.h"

using kanal::engagement::find_lookalike_links;

namespace {

const std::vector<std::string> kOwn{"forsakringskassan.se", "kela.fi"};

std::vector<std::string> hosts_in(const std::string& text) {
  std::vector<std::string> hosts;
  for (const auto& link : find_lookalike_links(text, kOwn)) hosts.push_back(link.host);
  return hosts;
}

}  // namespace

TEST_CASE("links whose domain imitates the agency's are found") {
  for (const auto* text :
       {"Logga in här för att få pengarna: https://forsakringskassan-se.com/bankid",
        "Verifiera dig på forsakringskassan.se.login-verify.net", "Ansök: http://f0rsakringskassan.se/ansokan",
        "Gå till www.forsakringskasan.se nu", "Tarkista tietosi: https://kela.fi.asiointi-tunnistus.info",
        "Sidan https://min-forsakringskassan.online/logga-in", "Med prickar: https://försäkringskassan.se/login",
        "Kyrilliskt a: https://fors\u0430kringskassan.se/login"}) {
    INFO(text);
    const auto found = find_lookalike_links(text, kOwn);
    REQUIRE(found.size() == 1);
    CHECK((found.front().imitates == "forsakringskassan.se" || found.front().imitates == "kela.fi"));
  }
}

TEST_CASE("the agency's own links and other honest links are not flagged") {
  for (const auto* text : {"Läs mer på https://www.forsakringskassan.se/privatpers",
                           "Se forsakringskassan.se och 1177.se", "Katso https://www.kela.fi/lapsilisa",
                           "Ring 1177 eller se https://www.1177.se", "Min blogg: https://kelaniemi.com/kassan",
                           "https://www.skatteverket.se/folkbokforing", "Ingen länk alls här."}) {
    INFO(text);
    CHECK(hosts_in(text).empty());
  }
  CHECK(find_lookalike_links("https://forsakringskassan-se.com", {}).empty());
}
