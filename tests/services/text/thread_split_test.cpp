#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "example_rules.h"
#include "text/network_count.h"
#include "text/thread_split.h"

using namespace kanal::text;
using namespace kanal::text::example;

namespace {

std::string without_spaces(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ' && c != '\n') out += c;
  }
  return out;
}

// Texts from sentences, long words, URLs, mentions, hashtags and emoji, in
// a repeatable order.
std::string generated_text(unsigned seed, int pieces) {
  static const std::vector<std::string> vocabulary = {"Bostadsbidraget betalas ut den 25:e.",
                                                      "Ansök senast i mars!",
                                                      "Familjer med små barn kan få stöd.",
                                                      "https://www.example.se/stod/bostadsbidrag?lang=sv",
                                                      "@kundtjanst",
                                                      "#Bostadsbidrag",
                                                      "👨‍👩‍👧‍👦",
                                                      "🇸🇪",
                                                      "arbetslöshetsersättningsförordningen",
                                                      "Hej",
                                                      "och",
                                                      "Läs mer:",
                                                      "\n",
                                                      "Sosialhjelp kan søkes hos NAV-kontoret.",
                                                      "Erikoisvarhaiskasvatuksen",
                                                      "é"};
  std::mt19937 random(seed);
  std::string text;
  for (int i = 0; i < pieces; ++i) {
    text += vocabulary[random() % vocabulary.size()];
    text += ' ';
  }
  return text;
}

}  // namespace

TEST_CASE("A text that fits stays one part") {
  CHECK(split_thread("Hej!", default_rules(Network::x)) == std::vector<std::string>{"Hej!"});
}

TEST_CASE("Thread parts end at sentence ends where they can") {
  const std::string text = std::string(150, 'a') + ". " + std::string(100, 'b') + ". " + std::string(100, 'c') + ".";
  const auto parts = split_thread(text, default_rules(Network::x));
  REQUIRE(parts.size() == 2);
  CHECK(parts[0] == std::string(150, 'a') + ". " + std::string(100, 'b') + ".");
  CHECK(parts[1] == std::string(100, 'c') + ".");
}

TEST_CASE("Numbered threads count the numbering against the limit") {
  const std::string text = generated_text(3, 120);
  const auto parts = split_thread(text, default_rules(Network::bluesky), {.numbering = true});
  REQUIRE(parts.size() > 2);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string suffix = " " + std::to_string(i + 1) + "/" + std::to_string(parts.size());
    CHECK(parts[i].ends_with(suffix));
    CHECK(count_text(parts[i], default_rules(Network::bluesky)).valid);
  }
}

TEST_CASE("Thread splitting properties: within the limit, nothing lost or reordered, no entity split") {
  for (const Network network : {Network::x, Network::bluesky, Network::mastodon}) {
    for (unsigned seed = 1; seed <= 25; ++seed) {
      const std::string text = generated_text(seed, 20 + static_cast<int>(seed) * 7);
      CountRules rules = default_rules(network);
      if (network == Network::mastodon) rules.limit = 200;
      const auto parts = split_thread(text, rules);
      INFO("network " << to_string(network) << " seed " << seed);
      std::string joined;
      std::size_t entities_in_parts = 0;
      for (const auto& part : parts) {
        CHECK(count_text(part, rules).valid);
        joined += part;
        entities_in_parts += find_entities(part, network).size();
      }
      CHECK(without_spaces(joined) == without_spaces(text));
      // An entity cut in two would vanish or turn into two.
      CHECK(entities_in_parts == find_entities(text, network).size());
    }
  }
}

TEST_CASE("An entity longer than the limit is kept whole in a part of its own") {
  const std::string url = "https://example.se/" + std::string(400, 'a');
  const auto parts = split_thread("Läs här: " + url + " tack", default_rules(Network::bluesky));
  REQUIRE(parts.size() == 3);
  CHECK(parts[1] == url);
}
