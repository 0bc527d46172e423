#pragma once
// The moderation trainer's data: the three public sets in their own formats
// (Davidson et al.'s labeled_data.csv, DKhate's dkhate_train.tsv,
// HateXplain's df_val_processed.csv), the team's contrast templates, and the
// held-out split. Label mappings are explained in assets/moderation/MODEL_CARD.md.
// Readers throw kanal::Error(invalid_input) naming the file and line.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "engagement/moderation_policy.h"

namespace kanal::moderation_training {

using engagement::Category;

struct Example {
  std::string text;
  Category category = Category::other;
  bool hide = false;   // the expected decision: hide (or review) rather than keep
  std::string source;  // "davidson", "dkhate", "hatexplain", "contrast"
  std::string group;   // the source's label ("hate", "OFF/TIN/GRP") or the contrast group ("threat")
  std::string lang;    // "en", "sv", "da", "nb", "fi"
  bool test = false;   // held out of training
  std::string key;     // what decides the split: the text, or a contrast row's template
  // The annotators' votes where the source has them (Davidson, HateXplain):
  // how many said each category. Training can learn from the split instead
  // of the majority alone; the test figures always use `category`.
  std::vector<std::pair<Category, int>> votes;
  bool train_only = false;  // no majority label: used in training (by its votes), never tested

  bool operator==(const Example&) const = default;
};

// The rows of a delimited file (core/csv.h); errors name the file.
using Record = csv::Row;
std::vector<Record> parse_delimited(std::string_view text, char delimiter, std::string_view file_name);

std::uint64_t stable_hash(std::string_view text);  // FNV-1a 64, the same on every platform
// The 20% of rows held out as the test split, by a hash of `key`.
bool held_out(std::string_view key);

std::vector<Example> read_davidson(std::string_view file_text);
std::vector<Example> read_dkhate(std::string_view file_text);
std::vector<Example> read_hatexplain(std::string_view file_text);
// DIR/davidson/labeled_data.csv, DIR/dkhate/dkhate_train.tsv,
// DIR/hatexplain/df_val_processed.csv, split.
std::vector<Example> read_public_sets(const std::filesystem::path& dir);

// Contrast templates (tools/moderation-trainer/contrast/*.txt):
//     lang sv
//     slot benefit = sjukpenningen | bostadsbidraget
//     group threat hide threat        (name, hide|keep, category)
//     Jag vet var {official} bor.
// Each template expands to up to `variants` rows with its slots filled
// deterministically; a fifth of each group's templates (whole templates) is
// held out.
std::vector<Example> expand_contrast(std::string_view file_text, std::string_view file_name, int variants = 8);
std::vector<Example> read_contrast_dir(const std::filesystem::path& dir, int variants = 8);

// Sentences with identity numbers of the four countries: `valid` ones with
// correct check digits, or ones whose check digits are wrong (and that are
// no valid number of any country).
std::vector<std::string> identity_number_sentences(bool valid, int count);

std::string read_file(const std::filesystem::path& path);

}  // namespace kanal::moderation_training
