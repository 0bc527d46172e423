#include "analytics/sampling.h"

namespace kanal::analytics {

std::optional<Timestamp> next_post_sample(Timestamp published_at, std::size_t taken) {
  if (taken >= kPostSampleAges.size()) return std::nullopt;
  return published_at + kPostSampleAges[taken];
}

std::size_t post_samples_due(Timestamp published_at, Timestamp now) {
  std::size_t due = 0;
  while (due < kPostSampleAges.size() && published_at + kPostSampleAges[due] <= now) ++due;
  return due;
}

Timestamp next_account_sample(std::optional<Timestamp> last, Timestamp now) {
  const auto hour = std::chrono::floor<std::chrono::hours>(last.value_or(now));
  return last ? Timestamp(hour + std::chrono::hours(1)) : Timestamp(hour);
}

}  // namespace kanal::analytics
