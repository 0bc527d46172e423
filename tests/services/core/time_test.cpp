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

TEST_CASE("only RFC 3339's shape is read as a time, so odd fields never reach the date parser") {
  CHECK(kanal::parse_iso8601("2026-11-27T06:00:00Z"));
  REQUIRE(kanal::parse_iso8601("2026-11-27T06:00:00.123456789Z"));
  CHECK(kanal::parse_iso8601("2026-11-27T06:00:00.123456789Z") == kanal::parse_iso8601("2026-11-27T06:00:00.123Z"));
  REQUIRE(kanal::parse_iso8601("2026-11-27T06:00:00.5Z"));
  CHECK(kanal::parse_iso8601("2026-11-27T06:00:00.5Z") == kanal::parse_iso8601("2026-11-27T06:00:00.500Z"));
  // What the fuzzer found: a one-digit hour and a three-digit minute.
  CHECK_FALSE(kanal::parse_iso8601("2026-12-01T1:000:00.000Z"));
  CHECK_FALSE(kanal::parse_iso8601("2026-11-27T06:00:00.1234567890Z"));
  CHECK_FALSE(kanal::parse_iso8601("2026-11-27T06:00:00.Z"));
  CHECK_FALSE(kanal::parse_iso8601("2026-11-27T06:00:00"));
  CHECK_FALSE(kanal::parse_iso8601("2026-11-27 06:00:00Z"));
  CHECK_FALSE(kanal::parse_iso8601("2026-11-27T06:00:00Zjunk"));
}
