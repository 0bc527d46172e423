#pragma once
// Time series of figures and their rollups. A cumulative count (followers,
// a post's likes) is read now and then; a rollup keeps, per hour, day or
// ISO week (UTC), the first, last, lowest and highest value read, so years
// of hourly samples answer a question from a few hundred rows. A figure the
// network did not give is "not available" — counted apart, never as zero.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/time.h"

namespace kanal::analytics {

// A figure read at a moment; nullopt: the network did not give it.
struct Sample {
  Timestamp at;
  std::optional<std::int64_t> value;
};

enum class Period { hour, day, week };  // week: ISO, from Monday 00:00 UTC

Timestamp period_start(Timestamp at, Period period);

struct Bucket {
  Timestamp start;
  std::optional<std::int64_t> first, last, low, high;  // of the values given
  Timestamp first_at, last_at;                         // when `first` and `last` were read
  std::int64_t samples = 0;                            // values given
  std::int64_t unavailable = 0;                        // read, but not given
  bool available() const { return samples > 0; }
  friend bool operator==(const Bucket&, const Bucket&) = default;
};

// Folds one sample into `bucket` (whose start the caller chose): what the
// store does as each reading comes in.
void add_sample(Bucket& bucket, const Sample& sample);

// Samples, in any order, into buckets of `period`, oldest first; only
// buckets that were read.
std::vector<Bucket> roll_up(std::vector<Sample> samples, Period period);
// Finer buckets into coarser ones: the same as rolling up their samples.
std::vector<Bucket> roll_up(const std::vector<Bucket>& finer, Period period);

// A cumulative count's change over each bucket: its last value less the
// last of the bucket before (the first bucket: less its own first); nullopt
// where either is not available.
std::vector<std::optional<std::int64_t>> growth(const std::vector<Bucket>& buckets);

// Interactions per 1,000 followers; nullopt without a follower count.
std::optional<double> per_thousand(double interactions, std::optional<std::int64_t> followers);

}  // namespace kanal::analytics
