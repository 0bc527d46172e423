#include <catch2/catch.hpp>

#include "core/time.h"

TEST_CASE("timestamps format and parse as RFC 3339 UTC with milliseconds") {
  const auto at = kanal::from_unix_ms(1795759200123);  // 2026-11-27T06:00:00.123Z
  CHECK(kanal::to_iso8601(at) == "2026-11-27T06:00:00.123Z");
  auto parsed = kanal::parse_iso8601("2026-11-27T06:00:00.123Z");
  REQUIRE(parsed);
  CHECK(*parsed == at);
  CHECK(kanal::to_unix_ms(*parsed) == 1795759200123);
}

TEST_CASE("garbage is not a timestamp") {
  CHECK_FALSE(kanal::parse_iso8601("yesterday"));
  CHECK_FALSE(kanal::parse_iso8601(""));
}
