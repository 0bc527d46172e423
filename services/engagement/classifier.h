#pragma once
// Kanal's own comment classifier: a linear model (multinomial logistic
// regression) over hashed features of the normalised text — word unigrams
// and bigrams and character 3–5-grams inside words. It scores the classes a
// model can judge (threat, hate, criticism, profanity, question, thanks,
// spam, other); personal data and scams come from the rules
// (moderation_rules.h). The model is trained by tools/moderation-trainer and
// shipped in assets/moderation/model.bin, compiled in (builtin()).
//
// Normalisation: NFKC with case folding, runs of one letter longer than two
// cut to two ("fuuuuck" → "fuuck"), links → <url>, @mentions → <user>,
// numbers → <num>; letters of every script are kept (å, ä, ö, æ, ø).
// classify() makes no ICU objects and no allocation per feature: it runs at
// well over 50,000 comments a second on one core. Thread-safe (const).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engagement/moderation_policy.h"

namespace kanal::engagement {

inline constexpr std::size_t kModelClassCount = 8;
// The classes in model order.
inline constexpr std::array<Category, kModelClassCount> kModelClasses{
    Category::threat,   Category::hate,   Category::criticism, Category::profanity,
    Category::question, Category::thanks, Category::spam,      Category::other};
// Index of `category` in kModelClasses, or kModelClassCount if the model does not score it.
std::size_t model_class_index(Category category);

struct Scores {
  std::array<double, kModelClassCount> probability{};  // in kModelClasses order, summing to 1

  double of(Category category) const;
  // The most probable of `among` (all classes when empty).
  Category top(std::initializer_list<Category> among = {}) const;
};

struct Feature {
  std::string text;   // "go back" (words), "ugly" (a word), "_idi" (letters; _ marks a word's edge)
  double weight = 0;  // how much it pushed towards the category (log-odds)
};

// The text as the classifier sees it: the normalised tokens joined by
// spaces. Throws Error(invalid_input) for text that is not UTF-8.
std::string classifier_tokens(std::string_view utf8);

// The hashed features of `utf8` (buckets below 2^bits; repeated features
// repeat). Used by the trainer; classify() uses the same code.
void classifier_features(std::string_view utf8, unsigned bits, std::vector<std::uint32_t>& buckets);

class Classifier {
 public:
  static constexpr unsigned kMinBits = 10;
  static constexpr unsigned kMaxBits = 24;

  // A model from trained weights: `weights` holds 2^bits rows of
  // kModelClassCount (row-major), quantised here to int8 with a scale per class.
  static Classifier from_weights(unsigned bits, const std::vector<float>& weights,
                                 const std::array<float, kModelClassCount>& bias);
  // Throws Error(invalid_input) saying what is wrong with a file that is not
  // a Kanal moderation model of this version (magic, version, size, checksum).
  static Classifier load(std::string_view bytes);
  // The model compiled into Kanal (assets/moderation/model.bin).
  static const Classifier& builtin();

  // Throws Error(invalid_input) for text that is not UTF-8.
  Scores classify(std::string_view utf8) const;
  // The `n` features of `utf8` that pushed most towards `category`, strongest first.
  std::vector<Feature> explain(std::string_view utf8, Category category, std::size_t n) const;
  std::string save() const;

  unsigned bits() const { return bits_; }

 private:
  Classifier() = default;

  unsigned bits_ = 0;
  std::array<float, kModelClassCount> bias_{};
  std::array<float, kModelClassCount> scale_{};
  std::vector<std::int8_t> weights_;  // 2^bits rows of kModelClassCount
};

}  // namespace kanal::engagement
