#include "training.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>
#include <random>

#include "engagement/moderation.h"

namespace kanal::moderation_training {

using engagement::Category;
using engagement::kModelClassCount;

engagement::Classifier train(const std::vector<Example>& rows, const TrainingOptions& options, std::ostream* log) {
  struct Row {
    std::vector<std::uint32_t> features;
    std::array<double, kModelClassCount> target{};  // sums to 1
    double weight = 1;
  };
  std::vector<Row> data;
  std::array<double, kModelClassCount> class_mass{};
  for (const auto& example : rows) {
    if (example.test) continue;
    const auto label = engagement::model_class_index(example.category);
    if (label >= kModelClassCount) continue;  // personal data and scams are the rules' business
    const double soft = example.votes.empty() ? 0.0 : example.train_only ? 1.0 : options.soft;
    if (soft <= 0 && example.train_only) continue;
    Row row;
    row.target[label] = 1.0 - soft;
    if (soft > 0) {
      int total = 0;
      for (const auto& [category, n] : example.votes) total += n;
      for (const auto& [category, n] : example.votes) {
        const auto voted = engagement::model_class_index(category);
        if (voted < kModelClassCount && total > 0) row.target[voted] += soft * n / total;
      }
    }
    engagement::classifier_features(example.text, options.bits, row.features);
    row.weight = example.source == "contrast" ? options.contrast_weight : 1.0;
    for (std::size_t c = 0; c < kModelClassCount; ++c) class_mass[c] += row.weight * row.target[c];
    data.push_back(std::move(row));
  }
  // Rare classes count more (by the inverse
  // frequency: fully balanced by default).
  double total = 0;
  for (const double mass : class_mass) total += mass;
  std::array<double, kModelClassCount> class_weight{};
  for (std::size_t c = 0; c < kModelClassCount; ++c) {
    class_weight[c] = class_mass[c] > 0 ? std::pow(total / (kModelClassCount * class_mass[c]), options.balance) : 0.0;
  }
  // A row split between classes weighs as its target's mix of their weights.
  for (auto& row : data) {
    double weight = 0;
    for (std::size_t c = 0; c < kModelClassCount; ++c) weight += row.target[c] * class_weight[c];
    row.weight *= weight;
  }

  const std::size_t rows_of_weights = std::size_t{1} << options.bits;
  std::vector<float> weights(rows_of_weights * kModelClassCount, 0.0f);
  std::vector<float> squared(weights.size(), 0.0f);  // AdaGrad's sum of squared gradients
  std::array<double, kModelClassCount> bias{};
  std::array<double, kModelClassCount> bias_squared{};
  std::vector<std::size_t> order(data.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 random(options.seed);
  const auto rate = static_cast<float>(options.learning_rate);
  const auto l2 = static_cast<float>(options.l2);

  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    // Fisher–Yates with the generator's raw output: the same order on every standard library.
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    double loss = 0;
    double mass = 0;
    for (const auto index : order) {
      const auto& row = data[index];
      if (row.features.empty()) continue;
      const double value = 1.0 / std::sqrt(static_cast<double>(row.features.size()));
      std::array<double, kModelClassCount> logits = bias;
      for (const auto feature : row.features) {
        const float* w = &weights[std::size_t{feature} * kModelClassCount];
        for (std::size_t c = 0; c < kModelClassCount; ++c) logits[c] += w[c] * value;
      }
      const double largest = *std::max_element(logits.begin(), logits.end());
      double sum = 0;
      for (auto& logit : logits) sum += (logit = std::exp(logit - largest));
      const double weight = row.weight;
      std::array<float, kModelClassCount> gradient{};
      for (std::size_t c = 0; c < kModelClassCount; ++c) {
        const double p = logits[c] / sum;
        gradient[c] = static_cast<float>(weight * (p - row.target[c]));
        if (row.target[c] > 0) loss -= weight * row.target[c] * std::log(std::max(p, 1e-12));
      }
      mass += weight;
      for (const auto feature : row.features) {
        float* w = &weights[std::size_t{feature} * kModelClassCount];
        float* g2 = &squared[std::size_t{feature} * kModelClassCount];
        for (std::size_t c = 0; c < kModelClassCount; ++c) {
          const float g = gradient[c] * static_cast<float>(value) + l2 * w[c];
          g2[c] += g * g;
          w[c] -= rate * g / (std::sqrt(g2[c]) + 1e-6f);
        }
      }
      for (std::size_t c = 0; c < kModelClassCount; ++c) {
        bias_squared[c] += static_cast<double>(gradient[c]) * gradient[c];
        bias[c] -= options.learning_rate * gradient[c] / (std::sqrt(bias_squared[c]) + 1e-6);
      }
    }
    if (log != nullptr) {
      char line[96];
      std::snprintf(line, sizeof line, "epoch %d: weighted loss %.4f over %zu rows\n", epoch + 1,
                    mass > 0 ? loss / mass : 0.0, data.size());
      *log << line << std::flush;
    }
  }
  std::array<float, kModelClassCount> bias_out{};
  for (std::size_t c = 0; c < kModelClassCount; ++c) bias_out[c] = static_cast<float>(bias[c]);
  return engagement::Classifier::from_weights(options.bits, weights, bias_out);
}

Evaluation evaluate(const std::vector<Example>& rows, const engagement::Classifier& classifier,
                    const engagement::ModerationPolicy& policy, bool identity_numbers) {
  Evaluation result;
  std::map<std::string, Tally> tallies;
  std::vector<std::string> order;
  auto tally = [&](const std::string& name, bool expected_hide) -> Tally& {
    auto [it, fresh] = tallies.try_emplace(name);
    if (fresh) {
      it->second.name = name;
      it->second.expected_hide = expected_hide;
      order.push_back(name);
    }
    return it->second;
  };
  auto count = [](Tally& t, const engagement::Verdict& verdict, Category expected) {
    ++t.rows;
    if (engagement::hides(verdict.action))
      ++t.hidden;
    else if (verdict.action == engagement::Action::review)
      ++t.review;
    else
      ++t.kept;
    if (verdict.category == expected) ++t.right_category;
  };
  const engagement::RuleContext no_context;
  int keep_rows = 0;
  int keep_hidden = 0;
  int harm_rows = 0;
  int harm_caught = 0;
  int contrast_keep_rows = 0;
  int contrast_keep_hidden = 0;
  int contrast_harm_rows = 0;
  int contrast_harm_caught = 0;
  int correct = 0;
  int tested = 0;
  std::map<Category, int> test_classes;
  for (const auto& row : rows) {
    if (!row.test) continue;
    const auto verdict = engagement::moderate(row.text, no_context, classifier, policy);
    const bool contrast = row.source == "contrast";
    if (contrast) {
      count(tally("contrast / all / " + row.group, row.hide), verdict, row.category);
      count(tally("contrast / " + row.lang + " / " + row.group, row.hide), verdict, row.category);
    } else {
      count(tally(row.source + " / " + row.group, row.hide), verdict, row.category);
    }
    if (row.category == Category::criticism || row.category == Category::profanity) {
      ++keep_rows;
      keep_hidden += engagement::hides(verdict.action);
      if (contrast) {
        ++contrast_keep_rows;
        contrast_keep_hidden += engagement::hides(verdict.action);
      }
    }
    if (row.category == Category::threat || row.category == Category::hate) {
      const bool caught = verdict.action != engagement::Action::keep;
      ++harm_rows;
      harm_caught += caught;
      if (contrast) {
        ++contrast_harm_rows;
        contrast_harm_caught += caught;
      }
    }
    ++tested;
    ++test_classes[row.category];
    correct += classifier.classify(row.text).top() == row.category;
  }
  if (identity_numbers) {
    for (const bool valid : {true, false}) {
      auto& t =
          tally(valid ? "identity numbers (valid check digits)" : "identity numbers (invalid check digits)", valid);
      for (const auto& sentence : identity_number_sentences(valid, 400)) {
        const auto verdict = engagement::moderate(sentence, no_context, classifier, policy);
        ++t.rows;
        if (verdict.decided_by == "rule:identity_number") {
          ++t.hidden;
          ++t.right_category;
        } else {
          ++t.kept;
        }
      }
    }
  }
  std::sort(order.begin(), order.end());
  for (const auto& name : order) result.tallies.push_back(tallies.at(name));
  auto share = [](int part, int whole) { return whole == 0 ? 0.0 : static_cast<double>(part) / whole; };
  result.criticism_profanity_hidden = share(keep_hidden, keep_rows);
  result.threat_hate_caught = share(harm_caught, harm_rows);
  result.contrast_criticism_profanity_hidden = share(contrast_keep_hidden, contrast_keep_rows);
  result.contrast_threat_hate_caught = share(contrast_harm_caught, contrast_harm_rows);
  result.accuracy = share(correct, tested);
  int largest = 0;
  for (const auto& [category, n] : test_classes) largest = std::max(largest, n);
  result.majority_baseline = share(largest, tested);
  return result;
}

std::string report_markdown(const Evaluation& evaluation) {
  auto percent = [](double share) {
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", 100.0 * share);
    return std::string(text);
  };
  std::string out =
      "| test rows | n | expected | hidden | review | kept | category right |\n"
      "|---|---:|---|---:|---:|---:|---:|\n";
  for (const auto& t : evaluation.tallies) {
    out += "| " + t.name + " | " + std::to_string(t.rows) + " | " + (t.expected_hide ? "hide" : "keep") + " | " +
           percent(t.share(t.hidden)) + " | " + percent(t.share(t.review)) + " | " + percent(t.share(t.kept)) + " | " +
           percent(t.share(t.right_category)) + " |\n";
  }
  out += "\nTargets (all test splits): criticism and profanity wrongly hidden " +
         percent(evaluation.criticism_profanity_hidden) + " (at most 5%); threats and hate hidden or sent to review " +
         percent(evaluation.threat_hate_caught) + " (at least 85%).\n";
  out += "Contrast test templates only: criticism and profanity wrongly hidden " +
         percent(evaluation.contrast_criticism_profanity_hidden) + "; threats and hate hidden or sent to review " +
         percent(evaluation.contrast_threat_hate_caught) + ".\n";
  out += "Model category accuracy on the test rows " + percent(evaluation.accuracy) + " (majority class " +
         percent(evaluation.majority_baseline) + ").\n";
  return out;
}

}  // namespace kanal::moderation_training
