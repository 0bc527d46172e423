// kanal-moderation-trainer --data DIR [--contrast DIR] --output MODEL.bin
//                          [--report FILE.md] [--seed N] [--epochs N] [--bits N]
//                          [--contrast-weight W] [--balance P] [--l2 L] [--rate R] [--misses FILE]
//                          [--soft S] [--scores FILE.tsv]
// Trains Kanal's moderation classifier on the public sets in DIR (see
// ../shared/PEERS.md and assets/moderation/MODEL_CARD.md) and the team's
// contrast templates, holds out a fifth of each source, and prints what
// moderate() with the default policy does with the held-out rows.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "core/error.h"
#include "engagement/moderation.h"
#include "training.h"

namespace {

int usage(const std::string& why) {
  std::cerr << "kanal-moderation-trainer: " << why << "\n"
            << "usage: kanal-moderation-trainer --data DIR [--contrast DIR] --output MODEL.bin [--report FILE.md]\n"
            << "                                [--seed N] [--epochs N] [--bits N] [--contrast-weight W]\n"
            << "                                [--balance P] [--l2 L] [--rate R] [--misses FILE]\n"
            << "                                [--soft S] [--scores FILE.tsv]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kanal::moderation_training;
  std::map<std::string, std::string> options;
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (name.rfind("--", 0) != 0 || i + 1 >= argc) return usage("unexpected argument '" + name + "'");
    options[name.substr(2)] = argv[++i];
  }
  for (const auto& [name, value] : options) {
    if (name != "data" && name != "contrast" && name != "output" && name != "report" && name != "seed" &&
        name != "epochs" && name != "bits" && name != "misses" && name != "balance" && name != "contrast-weight" &&
        name != "l2" && name != "rate" && name != "scores" && name != "soft") {
      return usage("unknown option --" + name);
    }
  }
  if (!options.count("data") || !options.count("output")) return usage("--data and --output are required");
  try {
    TrainingOptions training;
    auto number = [&](const std::string& name, long low, long high) -> long {
      char* end = nullptr;
      const long value = std::strtol(options.at(name).c_str(), &end, 10);
      if (*end != '\0' || value < low || value > high)
        throw kanal::Error(kanal::ErrorCode::invalid_input, "--" + name + " is out of range");
      return value;
    };
    if (options.count("seed")) training.seed = static_cast<std::uint64_t>(number("seed", 0, 1L << 30));
    if (options.count("epochs")) training.epochs = static_cast<int>(number("epochs", 1, 100));
    auto real = [&](const std::string& name, double low, double high) -> double {
      char* end = nullptr;
      const double value = std::strtod(options.at(name).c_str(), &end);
      if (*end != '\0' || !(value >= low && value <= high)) {
        throw kanal::Error(kanal::ErrorCode::invalid_input, "--" + name + " is out of range");
      }
      return value;
    };
    if (options.count("contrast-weight")) training.contrast_weight = real("contrast-weight", 0, 1000);
    if (options.count("balance")) training.balance = real("balance", 0, 2);
    if (options.count("soft")) training.soft = real("soft", 0, 1);
    if (options.count("l2")) training.l2 = real("l2", 0, 1);
    if (options.count("rate")) training.learning_rate = real("rate", 1e-6, 100);
    if (options.count("bits")) training.bits = static_cast<unsigned>(number("bits", 10, 24));

    auto rows = read_public_sets(options.at("data"));
    if (options.count("contrast")) {
      for (auto&& row : read_contrast_dir(options.at("contrast"))) rows.push_back(std::move(row));
    }
    std::map<std::string, std::pair<int, int>> sizes;
    for (const auto& row : rows) (row.test ? sizes[row.source].second : sizes[row.source].first)++;
    for (const auto& [source, size] : sizes) {
      std::cout << source << ": " << size.first << " training rows, " << size.second << " test rows\n";
    }
    const auto started = std::chrono::steady_clock::now();
    const auto model = train(rows, training, &std::cout);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto bytes = model.save();
    std::ofstream(options.at("output"), std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::cout << "trained in " << seconds << " s; wrote " << bytes.size() << " bytes to " << options.at("output")
              << "\n";

    const auto reloaded = kanal::engagement::Classifier::load(bytes);
    const auto figures =
        report_markdown(evaluate(rows, reloaded, kanal::engagement::ModerationPolicy::defaults(), true));
    std::cout << "\n" << figures;
    if (options.count("misses")) {
      // The contrast test rows moderate() gets wrong, for whoever writes templates next.
      std::ofstream misses(options.at("misses"));
      for (const auto& row : rows) {
        if (!row.test || row.source != "contrast") continue;
        const auto verdict =
            kanal::engagement::moderate(row.text, {}, reloaded, kanal::engagement::ModerationPolicy::defaults());
        const bool hidden_or_review = verdict.action != kanal::engagement::Action::keep;
        if (row.hide != hidden_or_review || (!row.hide && kanal::engagement::hides(verdict.action))) {
          misses << row.lang << " " << row.group << " -> " << kanal::engagement::to_string(verdict.action) << ": "
                 << row.text << " [" << verdict.reason << "]\n";
        }
      }
    }
    if (options.count("scores")) {
      // Every test row's scores, for whoever weighs the policy's thresholds.
      std::ofstream scores(options.at("scores"));
      scores << "source\tgroup\tlang\tcategory\thide";
      for (const auto category : kanal::engagement::kModelClasses)
        scores << "\t" << kanal::engagement::to_string(category);
      scores << "\ttext\n";
      for (const auto& row : rows) {
        if (!row.test) continue;
        scores << row.source << "\t" << row.group << "\t" << row.lang << "\t"
               << kanal::engagement::to_string(row.category) << "\t" << (row.hide ? 1 : 0);
        const auto probability = reloaded.classify(row.text).probability;
        for (const double p : probability) scores << "\t" << p;
        std::string text = row.text;
        std::replace_if(
            text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
        scores << "\t" << text << "\n";
      }
    }
    if (options.count("report")) std::ofstream(options.at("report")) << figures;
    return 0;
  } catch (const kanal::Error& e) {
    std::cerr << "kanal-moderation-trainer: " << e.detail() << "\n";
    return 1;
  }
}
