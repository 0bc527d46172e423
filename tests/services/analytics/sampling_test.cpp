// When figures are read: a post on its decaying schedule, an account hourly.
#include <catch2/catch.hpp>

#include "analytics/sampling.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {
const Timestamp kPublished = from_unix_ms(1'796'634'000'000);  // Monday 7 December 2026, 09:00 UTC
}

TEST_CASE("a post is read 1 h, 6 h, 24 h, 3 d, 7 d and 30 d after publishing, then no more") {
  CHECK(analytics::next_post_sample(kPublished, 0) == kPublished + 1h);
  CHECK(analytics::next_post_sample(kPublished, 1) == kPublished + 6h);
  CHECK(analytics::next_post_sample(kPublished, 3) == kPublished + 72h);
  CHECK(analytics::next_post_sample(kPublished, 5) == kPublished + 720h);
  CHECK_FALSE(analytics::next_post_sample(kPublished, 6).has_value());
}

TEST_CASE("samples overtaken while kanald was not running count as one, not a burst") {
  CHECK(analytics::post_samples_due(kPublished, kPublished + 30min) == 0);
  CHECK(analytics::post_samples_due(kPublished, kPublished + 1h) == 1);
  // Down for two days: the 6 h and 24 h readings are both due; one reading stands for them.
  CHECK(analytics::post_samples_due(kPublished, kPublished + 50h) == 3);
  CHECK(analytics::post_samples_due(kPublished, kPublished + 24h * 365) == 6);
}

TEST_CASE("an account is read on the hour") {
  CHECK(analytics::next_account_sample(std::nullopt, kPublished + 25min) == kPublished);
  CHECK(analytics::next_account_sample(kPublished + 3min, kPublished + 40min) == kPublished + 1h);
}
