#pragma once
// What changed between two versions of a text, word by word, for a reviewer
// who saw the first: runs of the same, removed and added words (and the
// space between them), in the order they read.

#include <string>
#include <vector>

namespace kanal::text {

struct DiffRun {
  enum class Kind { same, removed, added };
  Kind kind;
  std::string text;
  friend bool operator==(const DiffRun&, const DiffRun&) = default;
};

// Longest common subsequence over words and spaces; texts too long for that
// (over a thousand words or so each) come back as all removed, then all added.
std::vector<DiffRun> word_diff(const std::string& before, const std::string& after);

}  // namespace kanal::text
