// The moderation trainer's library on the small samples committed under
// tests/services/engagement/data/moderation (never ../shared): reading the
// three formats, the split, the contrast templates, and a model that
// round-trips and learns.
#include <catch2/catch.hpp>

#include <functional>
#include <iostream>
#include <map>
#include <set>

#include "core/error.h"
#include "support/temp_dir.h"
#include "training.h"

using namespace kanal::moderation_training;
using kanal::engagement::Category;
using kanal::engagement::Classifier;

namespace {

std::string error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const kanal::Error& e) {
    return e.detail();
  }
  return "no error";
}

}  // namespace

TEST_CASE("delimited files keep quoted separators, quotes and line breaks") {
  const auto records = parse_delimited("id\ttext\n1\t\"a\tb\nc \"\"q\"\"\"\n2\tplain\n", '\t', "x.tsv");
  REQUIRE(records.size() == 3);
  CHECK(records[1].fields == std::vector<std::string>{"1", "a\tb\nc \"q\""});
  CHECK(records[2].line == 4);
  CHECK(error_of([] { parse_delimited("a,\"open\n", ',', "x.csv"); }) ==
        "x.csv: line 1: a quoted field is never closed");
}

TEST_CASE("the three public formats are read with their labels mapped") {
  const auto rows = read_public_sets(KANAL_MODERATION_SAMPLE_DIR);
  std::map<std::string, std::map<Category, int>> by_source;
  std::map<std::string, std::pair<int, int>> split;
  for (const auto& row : rows) {
    ++by_source[row.source][row.category];
    (row.test ? split[row.source].second : split[row.source].first)++;
    CHECK(row.hide == (row.category == Category::hate || row.category == Category::threat));
  }
  CHECK(by_source["davidson"][Category::hate] == 100);
  CHECK(by_source["davidson"][Category::profanity] == 100);
  CHECK(by_source["davidson"][Category::other] == 100);
  CHECK(by_source["hatexplain"][Category::hate] == 100);
  CHECK(by_source["dkhate"][Category::threat] > 0);
  CHECK(by_source["dkhate"][Category::hate] > 0);
  for (const auto& [source, counts] : split) {
    INFO(source);
    const double held = static_cast<double>(counts.second) / (counts.first + counts.second);
    CHECK(held > 0.1);
    CHECK(held < 0.3);
  }
  // HTML entities and retweet marks are gone from the tweets.
  for (const auto& row : rows) {
    if (row.source != "davidson") continue;
    CHECK(row.text.find("&amp;") == std::string::npos);
    CHECK(row.text.rfind("RT ", 0) != 0);
  }
}

TEST_CASE("contrast templates expand deterministically and whole templates are held out") {
  const std::string file =
      "lang en\nslot who = the director | my caseworker | Anna\n"
      "group threat hide threat\nI will hurt {who}.\n{who} should watch out, I know the address.\n"
      "I'm coming for {who}.\nSomeone should hurt {who}.\n{who} will regret it.\n";
  const auto rows = expand_contrast(file, "t.txt", 8);
  CHECK(rows == expand_contrast(file, "t.txt", 8));
  std::map<std::string, std::set<bool>> split_of_template;
  for (const auto& row : rows) {
    CHECK(row.category == Category::threat);
    CHECK(row.hide);
    CHECK(row.text.find('{') == std::string::npos);
    split_of_template[row.key].insert(row.test);
  }
  CHECK(split_of_template.size() == 5);
  int held = 0;
  for (const auto& [key, splits] : split_of_template) {
    CHECK(splits.size() == 1);  // never both
    held += *splits.begin();
  }
  CHECK(held == 1);
  CHECK(error_of([] { expand_contrast("lang en\ngroup x keep other\nHi {nobody}\n", "t.txt"); }) ==
        "t.txt:3: unknown slot {nobody}");
  CHECK(error_of([] { expand_contrast("lang en\ngroup x delete other\n", "t.txt"); }) ==
        "t.txt:2: a group is hide or keep");
}

TEST_CASE("a model trained on the sample round-trips and learns") {
  auto rows = read_public_sets(KANAL_MODERATION_SAMPLE_DIR);
  for (auto&& row : read_contrast_dir(KANAL_CONTRAST_DIR, 3)) rows.push_back(std::move(row));
  TrainingOptions options;
  options.bits = 16;
  const auto model = train(rows, options, nullptr);

  kanal::test::TempDir dir;
  const auto path = dir.path() / "model.bin";
  kanal::test::write_file(path, model.save());
  const auto loaded = Classifier::load(read_file(path));
  CHECK(loaded.save() == model.save());
  CHECK(loaded.bits() == 16);

  const auto evaluation = evaluate(rows, loaded, kanal::engagement::ModerationPolicy::defaults(), false);
  std::cout << "Trained on the committed sample:\n" << report_markdown(evaluation) << std::endl;
  CHECK(evaluation.accuracy > evaluation.majority_baseline + 0.1);
}

TEST_CASE("bad model bytes are refused with a clear error") {
  TrainingOptions options;
  options.bits = 10;
  options.epochs = 1;
  const auto bytes = train({}, options, nullptr).save();
  CHECK_NOTHROW(Classifier::load(bytes));
  CHECK(error_of([] { Classifier::load("GIF89a not a model"); }) ==
        "not a usable Kanal moderation model: it does not start with the KANALMDL header");
  CHECK(error_of([&] { Classifier::load(bytes.substr(0, bytes.size() - 100)); }).find("truncated") !=
        std::string::npos);
  auto damaged = bytes;
  damaged[200] = static_cast<char>(damaged[200] ^ 0x40);
  CHECK(error_of([&] { Classifier::load(damaged); }) ==
        "not a usable Kanal moderation model: its checksum does not match (the file is damaged)");
  auto future = bytes;
  future[8] = 2;
  CHECK(error_of([&] { Classifier::load(future); }).find("format version 2") != std::string::npos);
}
