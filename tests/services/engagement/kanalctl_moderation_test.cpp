// kanalctl moderation eval and classify, run as the real program on a
// committed CSV and on standard input: the figures, the JSON, and bad input
// named by its line with exit code 2.
#include <catch2/catch.hpp>

#include "core/json.h"
#include "support/child_process.h"
#include "support/temp_dir.h"

using kanal::test::program;
using kanal::test::run_program;

namespace {

const std::string kEvalFile = std::string(KANAL_ENGAGEMENT_TEST_DATA) + "/moderation_eval.csv";

}  // namespace

TEST_CASE("kanalctl moderation eval reports false hides, reviews, misses and throughput") {
  const auto human = run_program({program("kanalctl").string(), "moderation", "eval", kEvalFile});
  INFO(human.out);
  REQUIRE(human.exit_code == 0);
  CHECK(human.out.find("9 rows") != std::string::npos);
  CHECK(human.out.find("keep rows: 6, hidden automatically (false hides) 0.0%") != std::string::npos);
  CHECK(human.out.find("personal_data (hide): 1 rows, hidden 100.0%") != std::string::npos);
  CHECK(human.out.find("comments/s on one core") != std::string::npos);

  const auto swedish =
      run_program({program("kanalctl").string(), "--json", "moderation", "eval", kEvalFile, "--lang", "sv"});
  INFO(swedish.out);
  REQUIRE(swedish.exit_code == 0);
  const auto doc = kanal::json::parse_json(swedish.out);
  CHECK(doc["rows"].GetInt() == 5);
  CHECK(doc["keep"]["rows"].GetInt() == 4);
  CHECK(doc["keep"]["hidden"].GetDouble() == 0.0);
  CHECK(doc["hide"]["hidden"].GetDouble() == 1.0);
  CHECK(doc["categories"]["question"]["expected"].GetString() == std::string("keep"));
  CHECK(doc["comments_per_second"].GetDouble() > 0);
}

TEST_CASE("kanalctl moderation classify gives one verdict per line") {
  const auto result = run_program({program("kanalctl").string(), "moderation", "classify"},
                                  "När kommer pensionen?\nHans personnummer är 811218-9876\n");
  INFO(result.out);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("keep\tquestion\t") == 0);
  CHECK(result.out.find("\nhide\tpersonal_data\t1.00\trule:identity_number\t") != std::string::npos);

  const auto json = run_program({program("kanalctl").string(), "--json", "moderation", "classify"}, "Tack!\n");
  const auto doc = kanal::json::parse_json(json.out);
  CHECK(doc["line"].GetInt() == 1);
  CHECK(doc["decided_by"].GetString() == std::string("model"));
}

TEST_CASE("kanalctl moderation names the line of bad input and exits 2") {
  kanal::test::TempDir dir;
  auto run_eval = [&](const std::string& csv) {
    const auto path = dir.path() / "eval.csv";
    kanal::test::write_file(path, csv);
    return run_program({program("kanalctl").string(), "moderation", "eval", path.string()});
  };
  const auto missing = run_eval("comment,expected\nhej,keep\n");
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find(":1: the header has no \"text\" column") != std::string::npos);
  const auto unknown = run_eval("text,expected\nhej,keep\nhallå,delete\n");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out.find(":3: expected is \"hide\" or \"keep\", not \"delete\"") != std::string::npos);
  const auto broken = run_eval("text,expected\nok,keep\n\"bad \xC3\x28\",keep\n");
  CHECK(broken.exit_code == 2);
  CHECK(broken.out.find(":3: the text is not valid UTF-8") != std::string::npos);
  const auto classify = run_program({program("kanalctl").string(), "moderation", "classify"}, "fine\n\xFF\xFE\n");
  CHECK(classify.exit_code == 2);
  CHECK(classify.out.find("line 2: the text is not valid UTF-8") != std::string::npos);
}

TEST_CASE("kanalctl moderation uses the workspace's own policy and lists when given") {
  kanal::test::TempDir dir;
  const auto policy = dir.path() / "moderation.txt";
  const auto terms = dir.path() / "blocked-terms.txt";
  const auto domains = dir.path() / "own-domains.txt";
  kanal::test::write_file(policy, "personal_data review 0.5\n");
  kanal::test::write_file(terms, "# ours\nlögnare\n");
  kanal::test::write_file(domains, "kela.fi\n");
  const auto kanalctl = program("kanalctl").string();
  const auto result =
      run_program({kanalctl, "moderation", "classify", "--policy", policy.string(), "--blocked-terms", terms.string(),
                   "--own-domains", domains.string()},
                  "Du är en LÖGNARE\nKirjaudu: https://kela-fi.com/tunnistus\nHans personnummer är 811218-9876\n");
  INFO(result.out);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("hide\thate\t1.00\trule:blocked_term") == 0);
  CHECK(result.out.find("\nhide_and_review\tscam\t1.00\trule:lookalike_link") != std::string::npos);
  CHECK(result.out.find("\nreview\tpersonal_data\t1.00\trule:identity_number") != std::string::npos);

  // A policy that would hide criticism is refused, with its line.
  kanal::test::write_file(policy, "# ours\ncriticism hide 0.5\n");
  const auto refused = run_program({kanalctl, "moderation", "classify", "--policy", policy.string()}, "hej\n");
  CHECK(refused.exit_code == 2);
  CHECK(refused.out.find("line 2") != std::string::npos);
}
