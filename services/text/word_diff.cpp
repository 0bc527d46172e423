#include "text/word_diff.h"

#include <cstdint>

namespace kanal::text {
namespace {

constexpr std::size_t kMaxCells = 4'000'000;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Words and the runs of space between them, each a token: "a  b\n" → "a", "  ", "b", "\n".
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const bool space = is_space(text[i]);
    while (i < text.size() && is_space(text[i]) == space) ++i;
    words.push_back(text.substr(start, i - start));
  }
  return words;
}

void append(std::vector<DiffRun>& runs, DiffRun::Kind kind, const std::string& text) {
  if (!runs.empty() && runs.back().kind == kind) {
    runs.back().text += text;
  } else {
    runs.push_back({kind, text});
  }
}

}  // namespace

std::vector<DiffRun> word_diff(const std::string& before, const std::string& after) {
  const auto a = words_of(before);
  const auto b = words_of(after);
  std::vector<DiffRun> runs;
  if (a.size() * b.size() > kMaxCells) {
    if (!before.empty()) runs.push_back({DiffRun::Kind::removed, before});
    if (!after.empty()) runs.push_back({DiffRun::Kind::added, after});
    return runs;
  }
  // lcs[i][j]: the longest common run of a[i…] and b[j…].
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) {
      append(runs, DiffRun::Kind::same, a[i]);
      ++i;
      ++j;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      append(runs, DiffRun::Kind::removed, a[i++]);
    } else {
      append(runs, DiffRun::Kind::added, b[j++]);
    }
  }
  while (i < n) append(runs, DiffRun::Kind::removed, a[i++]);
  while (j < m) append(runs, DiffRun::Kind::added, b[j++]);
  return runs;
}

}  // namespace kanal::text
