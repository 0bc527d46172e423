#include "analytics/rollups.h"

#include <date/date.h>

#include <algorithm>
#include <map>

namespace kanal::analytics {
namespace {

// Folds `value` (read at `at`) into `bucket`.
void add(Bucket& bucket, Timestamp at, std::int64_t value) {
  if (!bucket.first || at < bucket.first_at) {
    bucket.first = value;
    bucket.first_at = at;
  }
  if (!bucket.last || at >= bucket.last_at) {
    bucket.last = value;
    bucket.last_at = at;
  }
  bucket.low = bucket.low ? std::min(*bucket.low, value) : value;
  bucket.high = bucket.high ? std::max(*bucket.high, value) : value;
}

std::vector<Bucket> in_order(std::map<Timestamp, Bucket> buckets) {
  std::vector<Bucket> out;
  out.reserve(buckets.size());
  for (auto& [start, bucket] : buckets) out.push_back(std::move(bucket));
  return out;
}

}  // namespace

Timestamp period_start(Timestamp at, Period period) {
  switch (period) {
    case Period::hour: return std::chrono::floor<std::chrono::hours>(at);
    case Period::day: return date::floor<date::days>(at);
    case Period::week: {
      const auto day = date::floor<date::days>(at);
      const auto since_monday = (date::weekday(day) - date::Monday).count();  // 0 … 6
      return day - date::days(since_monday);
    }
  }
  return at;
}

void add_sample(Bucket& bucket, const Sample& sample) {
  if (sample.value) {
    ++bucket.samples;
    add(bucket, sample.at, *sample.value);
  } else {
    ++bucket.unavailable;
  }
}

std::vector<Bucket> roll_up(std::vector<Sample> samples, Period period) {
  std::map<Timestamp, Bucket> buckets;
  for (const auto& sample : samples) {
    const auto start = period_start(sample.at, period);
    auto& bucket = buckets[start];
    bucket.start = start;
    add_sample(bucket, sample);
  }
  return in_order(std::move(buckets));
}

std::vector<Bucket> roll_up(const std::vector<Bucket>& finer, Period period) {
  std::map<Timestamp, Bucket> buckets;
  for (const auto& part : finer) {
    const auto start = period_start(part.start, period);
    auto& bucket = buckets[start];
    bucket.start = start;
    bucket.samples += part.samples;
    bucket.unavailable += part.unavailable;
    if (!part.available()) continue;
    add(bucket, part.first_at, *part.first);
    add(bucket, part.last_at, *part.last);
    bucket.low = std::min(*bucket.low, *part.low);
    bucket.high = std::max(*bucket.high, *part.high);
  }
  return in_order(std::move(buckets));
}

std::vector<std::optional<std::int64_t>> growth(const std::vector<Bucket>& buckets) {
  std::vector<std::optional<std::int64_t>> out;
  out.reserve(buckets.size());
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const auto& now = buckets[i];
    const auto& before = i == 0 ? now.first : buckets[i - 1].last;
    out.push_back(now.last && before ? std::optional(*now.last - *before) : std::nullopt);
  }
  return out;
}

std::optional<double> per_thousand(double interactions, std::optional<std::int64_t> followers) {
  if (!followers || *followers <= 0) return std::nullopt;
  return interactions * 1000.0 / static_cast<double>(*followers);
}

}  // namespace kanal::analytics
