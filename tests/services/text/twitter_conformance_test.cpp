// Runs twitter-text's conformance suite (tests/specs/twitter-text, Apache
// License 2.0) against Kanal's implementation: every case of validate.yml,
// extract.yml and tlds.yml. Each section reports how many cases passed.

#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>

#include "text/twitter_text.h"
#include "text/unicode_text.h"

namespace tt = kanal::text::twitter;
using kanal::text::to_unicode;

namespace {

const std::string kSpecs = KANAL_TWITTER_TEXT_SPECS;

YAML::Node section(const std::string& file, const std::string& name) {
  const YAML::Node node = YAML::LoadFile(kSpecs + "/" + file)["tests"][name];
  REQUIRE(node.IsSequence());
  return node;
}

tt::Config config(int version) {
  std::ifstream in(kSpecs + "/config/v" + std::to_string(version) + ".json");
  std::stringstream json;
  json << in.rdbuf();
  return tt::Config::from_json(json.str());
}

// Runs `check` on every case of a section; a case passes when it returns
// true without a failed CHECK. Prints the tally, then requires all passed.
void run_section(const std::string& file, const std::string& name,
                 const std::function<bool(const YAML::Node&, const icu::UnicodeString&)>& check) {
  int passed = 0;
  int total = 0;
  for (const auto& test : section(file, name)) {
    ++total;
    const std::string text = test["text"].as<std::string>("");
    INFO(name << ": " << test["description"].as<std::string>() << "\n  text: " << text);
    const bool ok = check(test["expected"], to_unicode(text));
    CHECK(ok);
    if (ok) ++passed;
  }
  std::cout << "twitter-text conformance " << file << " " << name << ": " << passed << "/" << total << " passed\n";
  REQUIRE(passed == total);
}

std::vector<std::string> strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node.IsSequence()) {
    for (const auto& item : node) out.push_back(item.as<std::string>());
  }
  return out;
}

std::vector<std::string> texts(const std::vector<tt::Entity>& entities) {
  std::vector<std::string> out;
  for (const auto& e : entities) out.push_back(e.text);
  return out;
}

// Compares entities with expected maps {key: text, indices: [start, end]}.
bool same_with_indices(const YAML::Node& expected, const std::vector<tt::Entity>& actual, const std::string& key,
                       bool with_list_slug = false) {
  std::vector<std::string> want;
  for (const auto& item : expected) {
    std::string line = item[key].as<std::string>() + " [" + item["indices"][0].as<std::string>() + "," +
                       item["indices"][1].as<std::string>() + "]";
    if (with_list_slug) line += " list=" + item["list_slug"].as<std::string>("");
    want.push_back(line);
  }
  std::vector<std::string> got;
  for (const auto& e : actual) {
    std::string line = e.text + " [" + std::to_string(e.start) + "," + std::to_string(e.end) + "]";
    if (with_list_slug) line += " list=" + e.list_slug;
    got.push_back(line);
  }
  CHECK(got == want);
  return got == want;
}

bool same(const std::vector<std::string>& got, const std::vector<std::string>& want) {
  CHECK(got == want);
  return got == want;
}

}  // namespace

TEST_CASE("twitter-text extract.yml: mentions") {
  run_section("extract.yml", "mentions", [](const YAML::Node& expected, const icu::UnicodeString& text) {
    return same(texts(tt::extract_mentions(text)), strings(expected));
  });
  run_section("extract.yml", "mentions_with_indices", [](const YAML::Node& expected, const icu::UnicodeString& text) {
    return same_with_indices(expected, tt::extract_mentions(text), "screen_name");
  });
  run_section("extract.yml", "mentions_or_lists_with_indices",
              [](const YAML::Node& expected, const icu::UnicodeString& text) {
                return same_with_indices(expected, tt::extract_mentions_or_lists(text), "screen_name", true);
              });
  run_section("extract.yml", "replies", [](const YAML::Node& expected, const icu::UnicodeString& text) {
    const auto reply = tt::extract_reply_screen_name(text);
    const std::string got = reply.value_or("(none)");
    const std::string want = expected.IsNull() ? "(none)" : expected.as<std::string>();
    CHECK(got == want);
    return got == want;
  });
}

TEST_CASE("twitter-text extract.yml: URLs") {
  for (const char* name : {"urls", "tco_urls_with_params"}) {
    run_section("extract.yml", name, [](const YAML::Node& expected, const icu::UnicodeString& text) {
      return same(texts(tt::extract_urls(text)), strings(expected));
    });
  }
  for (const char* name : {"urls_with_indices", "urls_with_directional_markers"}) {
    run_section("extract.yml", name, [](const YAML::Node& expected, const icu::UnicodeString& text) {
      return same_with_indices(expected, tt::extract_urls(text), "url");
    });
  }
}

TEST_CASE("twitter-text extract.yml: hashtags and cashtags") {
  for (const char* name : {"hashtags", "hashtags_from_astral"}) {
    run_section("extract.yml", name, [](const YAML::Node& expected, const icu::UnicodeString& text) {
      return same(texts(tt::extract_hashtags(text)), strings(expected));
    });
  }
  run_section("extract.yml", "hashtags_with_indices", [](const YAML::Node& expected, const icu::UnicodeString& text) {
    return same_with_indices(expected, tt::extract_hashtags(text), "hashtag");
  });
  run_section("extract.yml", "cashtags", [](const YAML::Node& expected, const icu::UnicodeString& text) {
    return same(texts(tt::extract_cashtags(text)), strings(expected));
  });
  run_section("extract.yml", "cashtags_with_indices", [](const YAML::Node& expected, const icu::UnicodeString& text) {
    return same_with_indices(expected, tt::extract_cashtags(text), "cashtag");
  });
}

TEST_CASE("twitter-text tlds.yml: every country and generic top-level domain") {
  for (const char* name : {"country", "generic"}) {
    run_section("tlds.yml", name, [](const YAML::Node& expected, const icu::UnicodeString& text) {
      return same(texts(tt::extract_urls(text)), strings(expected));
    });
  }
}

TEST_CASE("twitter-text validate.yml: usernames, lists, hashtags and URLs") {
  const auto expect = [](bool got, const YAML::Node& expected) {
    CHECK(got == expected.as<bool>());
    return got == expected.as<bool>();
  };
  run_section("validate.yml", "usernames", [&](const YAML::Node& expected, const icu::UnicodeString& text) {
    return expect(tt::is_valid_username(text), expected);
  });
  run_section("validate.yml", "lists", [&](const YAML::Node& expected, const icu::UnicodeString& text) {
    return expect(tt::is_valid_list(text), expected);
  });
  run_section("validate.yml", "hashtags", [&](const YAML::Node& expected, const icu::UnicodeString& text) {
    return expect(tt::is_valid_hashtag(text), expected);
  });
  run_section("validate.yml", "urls", [&](const YAML::Node& expected, const icu::UnicodeString& text) {
    return expect(tt::is_valid_url(text), expected);
  });
  run_section("validate.yml", "urls_without_protocol", [&](const YAML::Node& expected, const icu::UnicodeString& text) {
    return expect(tt::is_valid_url(text, true, false), expected);
  });
}

TEST_CASE("twitter-text validate.yml: weighted lengths with configs v1, v2 and v3") {
  const tt::Config v1 = config(1);
  run_section("validate.yml", "tweets", [&](const YAML::Node& expected, const icu::UnicodeString& text) {
    const bool got = tt::parse_tweet(text, v1).valid;
    CHECK(got == expected.as<bool>());
    return got == expected.as<bool>();
  });
  const auto weighted = [](const tt::Config& cfg) {
    return [cfg](const YAML::Node& expected, const icu::UnicodeString& text) {
      const tt::ParseResult r = tt::parse_tweet(text, cfg);
      const std::string got = std::to_string(r.weighted_length) + " valid=" + std::to_string(r.valid) +
                              " permillage=" + std::to_string(r.permillage) + " display=0.." +
                              std::to_string(r.display_range_end) + " valid_range=0.." +
                              std::to_string(r.valid_range_end);
      const std::string want = expected["weightedLength"].as<std::string>() +
                               " valid=" + std::to_string(expected["valid"].as<bool>()) +
                               " permillage=" + expected["permillage"].as<std::string>() +
                               " display=" + expected["displayRangeStart"].as<std::string>() + ".." +
                               expected["displayRangeEnd"].as<std::string>() +
                               " valid_range=" + expected["validRangeStart"].as<std::string>() + ".." +
                               expected["validRangeEnd"].as<std::string>();
      CHECK(got == want);
      return got == want;
    };
  };
  run_section("validate.yml", "WeightedTweetsCounterTest", weighted(config(2)));
  run_section("validate.yml", "WeightedTweetsWithDiscountedEmojiCounterTest", weighted(config(3)));
  run_section("validate.yml", "UnicodeDirectionalMarkerCounterTest", weighted(config(3)));
}
