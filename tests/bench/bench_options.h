#pragma once
// What the network benchmarks share: `--name N` options and percentiles.

#include <algorithm>
#include <string>
#include <vector>

namespace kanal::bench {

// The value after `name` on the command line, or `fallback`.
inline int option(int argc, char** argv, const std::string& name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return std::stoi(argv[i + 1]);
  }
  return fallback;
}

// The nearest-rank percentile `p` (0–1) of `values` (not empty).
inline double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

}  // namespace kanal::bench
