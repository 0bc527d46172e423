// kanalctl text check / split: the real program, run as a script would run it.
#include <catch2/catch.hpp>

#include <sstream>

#include "api/wire/text.h"
#include "core/json.h"
#include "support/child_process.h"

using namespace kanal;

namespace {

test::RunResult kanalctl(std::vector<std::string> args, const std::string& input = {}) {
  std::vector<std::string> argv{test::program("kanalctl").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return test::run_program(argv, input);
}

}  // namespace

TEST_CASE("kanalctl text check counts as the network counts, with hints, and exits 1 when it does not fit") {
  // The network's rules come from its plugin's descriptor, read beside kanalctl.
  const auto fits = kanalctl({"text", "check", "--network", "mastodon", "--lang", "sv", "Ditt bidrag beviljas snart."});
  CHECK(fits.exit_code == 0);
  CHECK_THAT(fits.out, Catch::Contains("27/500 graphemes on Mastodon: fits"));
  CHECK_THAT(fits.out, Catch::Contains("beviljas") && Catch::Contains("du får"));
  const auto weighted = kanalctl({"text", "check", "--counting", "weighted", "--limit", "280", "Ditt bidrag 👋"});
  CHECK_THAT(weighted.out, Catch::Contains("14/280 weighted characters: fits"));

  const auto too_long =
      kanalctl({"--json", "text", "check", "--counting", "graphemes", "--limit", "300", std::string(301, 'a')});
  CHECK(too_long.exit_code == 1);
  const auto doc = json::parse_json(too_long.out);
  CHECK(doc["count"].GetInt() == 301);
  CHECK(doc["limit"].GetInt() == 300);
  CHECK_FALSE(doc["valid"].GetBool());
  CHECK(doc["overflow"][0]["start"].GetInt() == 300);

  const auto instance = kanalctl({"--json", "text", "check", "--network", "mastodon", "--limit", "10", "--url-length",
                                  "5", "Se https://example.org/a"});
  CHECK(json::parse_json(instance.out)["count"].GetInt() == 8);
}

TEST_CASE("kanalctl text check --jsonl answers line by line, and a bad line gets an error on its own line") {
  // stdout and stderr interleave: a bad line reports on stdout, nothing on stderr.
  const auto run = kanalctl({"text", "check", "--counting", "weighted", "--limit", "280", "--jsonl"},
                            "\"Hej 👋 https://example.se\"\n[1]\n\"\\ud800\"\n\"#bostadsbidrag\"\n");
  CHECK(run.exit_code == 1);
  std::istringstream lines(run.out);
  std::vector<std::string> out;
  for (std::string line; std::getline(lines, line);) out.push_back(line);
  REQUIRE(out.size() == 4);
  CHECK(json::parse_json(out[0])["count"].GetInt() == 4 + 2 + 1 + 23);
  CHECK(json::parse_json(out[1])["line"].GetInt() == 2);
  CHECK(json::parse_json(out[2])["line"].GetInt() == 3);
  CHECK(json::parse_json(out[3])["entities"][0]["kind"].GetString() == std::string("hashtag"));
}

TEST_CASE("kanalctl text split prints the parts of a thread, numbered") {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Ansök om bostadsbidrag i god tid. ";
  const auto run = kanalctl({"text", "split", "--counting", "weighted", "--limit", "280", "--numbered", text});
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains(" 1/3\n---\n") && Catch::Contains(" 3/3\n"));
}

TEST_CASE("kanalctl text: usage errors exit 2") {
  CHECK(kanalctl({"text", "check", "hej"}).exit_code == 2);
  const auto unknown = kanalctl({"text", "check", "--network", "myspace", "hej"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.out,
             Catch::Contains("no network 'myspace' is installed (installed: ") && Catch::Contains("mastodon"));
  CHECK(kanalctl({"text", "frob", "--network", "mastodon", "hej"}).exit_code == 2);
  CHECK(kanalctl({"text", "check", "--network", "mastodon", "--limit", "-3", "hej"}).exit_code == 2);
  CHECK(kanalctl({"text", "check", "--counting", "weighted", "hej"}).exit_code == 2);  // no --limit
  CHECK(kanalctl({"text", "check", "--counting", "runes", "--limit", "3", "hej"}).exit_code == 2);
  const auto invalid = kanalctl({"text", "check", "--network", "mastodon", "bad \xFF"});
  CHECK(invalid.exit_code == 1);
  CHECK_THAT(invalid.out, Catch::Contains("not valid UTF-8"));
}
