#pragma once
// Training the classifier (multinomial logistic regression, AdaGrad with L2,
// class weights) and measuring it through moderate() with a policy.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "engagement/classifier.h"
#include "engagement/moderation_policy.h"
#include "training_data.h"

namespace kanal::moderation_training {

struct TrainingOptions {
  unsigned bits = 18;  // 2^bits hash buckets
  int epochs = 8;
  std::uint64_t seed = 7;
  double learning_rate = 0.1;
  double l2 = 2e-7;
  double contrast_weight = 10.0;  // a contrast row counts this many times a public row of its class
  double balance = 1.0;           // class weight = (share of an even split / class share) ^ balance
  // How much of a row's target comes from its annotators' votes rather than
  // their majority (0: the majority alone; rows without a majority are then left out).
  double soft = 0.5;
};

// Trains on the rows that are not held out. Deterministic for a seed.
engagement::Classifier train(const std::vector<Example>& rows, const TrainingOptions& options, std::ostream* log);

// What moderate() did with one kind of row.
struct Tally {
  std::string name;  // "davidson / hate", "contrast / sv / threat", "identity numbers (valid)"
  bool expected_hide = false;
  int rows = 0;
  int hidden = 0;  // hide or hide_and_review
  int review = 0;
  int kept = 0;
  int right_category = 0;  // the verdict's category is the row's
  double share(int count) const { return rows == 0 ? 0.0 : static_cast<double>(count) / rows; }
};

struct Evaluation {
  std::vector<Tally> tallies;
  // The targets, over the contrast test split and the public test splits:
  double criticism_profanity_hidden = 0;  // keep rows of criticism or profanity hidden (≤ 5%)
  double threat_hate_caught = 0;          // threat and hate rows hidden or sent to review (≥ 85%)
  double contrast_criticism_profanity_hidden = 0;
  double contrast_threat_hate_caught = 0;
  double accuracy = 0;           // the model's category on the test rows
  double majority_baseline = 0;  // always the most common category of the training rows
};

// Evaluates the held-out rows (and, when `identity_numbers`, generated
// identity numbers) with moderate() under `policy`.
Evaluation evaluate(const std::vector<Example>& rows, const engagement::Classifier& classifier,
                    const engagement::ModerationPolicy& policy, bool identity_numbers);

// The figures as a Markdown table.
std::string report_markdown(const Evaluation& evaluation);

}  // namespace kanal::moderation_training
