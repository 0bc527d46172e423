#include <catch2/catch.hpp>

#include "core/error.h"

using kanal::ErrorCode;

TEST_CASE("error codes round-trip through their names and map to HTTP statuses") {
  for (auto code :
       {ErrorCode::invalid_input, ErrorCode::unknown_field, ErrorCode::malformed_json, ErrorCode::payload_too_large,
        ErrorCode::unauthorized, ErrorCode::forbidden, ErrorCode::not_found, ErrorCode::method_not_allowed,
        ErrorCode::stale_version, ErrorCode::unavailable, ErrorCode::internal}) {
    CHECK(kanal::error_code_from_string(kanal::to_string(code)) == code);
    CHECK(kanal::http_status(code) >= 400);
  }
  CHECK(kanal::http_status(ErrorCode::stale_version) == 409);
  CHECK(kanal::http_status(ErrorCode::payload_too_large) == 413);
  CHECK(kanal::error_code_from_string("no_such_code") == ErrorCode::internal);
}

TEST_CASE("an error carries its code, detail and field") {
  kanal::Error error(ErrorCode::invalid_input, "text must not be empty", "text");
  CHECK(error.code() == ErrorCode::invalid_input);
  CHECK(error.detail() == "text must not be empty");
  CHECK(error.field() == "text");
  CHECK(std::string(error.what()) == "text must not be empty");
}
