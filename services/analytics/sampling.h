#pragma once
// When kanald reads the figures: an account's (followers and the network's
// account-level counts) every hour, on the hour; a published post's (likes,
// shares, replies, impressions) on a decaying schedule — 1 h, 6 h, 24 h,
// 3 d, 7 d and 30 d after it was published — since a post's numbers move
// most at first and networks limit how often they may be asked.

#include <array>
#include <chrono>
#include <optional>

#include "core/time.h"

namespace kanal::analytics {

inline constexpr std::array<std::chrono::hours, 6> kPostSampleAges{std::chrono::hours(1),   std::chrono::hours(6),
                                                                   std::chrono::hours(24),  std::chrono::hours(72),
                                                                   std::chrono::hours(168), std::chrono::hours(720)};

// When a post published at `published_at` is next read, given the samples
// already `taken`; nullopt once the schedule is done. A sample that is
// overdue (kanald was not running) is due at once, and counts as the one it
// stands for — never a burst of catching up.
std::optional<Timestamp> next_post_sample(Timestamp published_at, std::size_t taken);

// How many of the schedule's samples are due by `now` (the last one due
// stands for those it overtook).
std::size_t post_samples_due(Timestamp published_at, Timestamp now);

// The next whole hour after `last` (or `now`'s hour when never read).
Timestamp next_account_sample(std::optional<Timestamp> last, Timestamp now);

}  // namespace kanal::analytics
