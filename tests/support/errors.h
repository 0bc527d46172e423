#pragma once
// The code of the kanal::Error a call throws (a test failure if it throws none).
#include <catch2/catch.hpp>

#include "core/error.h"

namespace kanal::test {

template <class Call>
ErrorCode error_code_of(Call&& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.code();
  }
  FAIL("expected a kanal::Error");
  return ErrorCode::internal;
}

}  // namespace kanal::test
