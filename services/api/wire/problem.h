#pragma once
// Errors over HTTP as RFC 9457 problem details (application/problem+json),
// with Kanal's stable machine `code` and the offending `field`.

#include <string>
#include <string_view>

#include "core/error.h"

namespace kanal::wire {

inline constexpr const char* kProblemContentType = "application/problem+json";

std::string problem_json(const Error& error);

// The client side: a non-2xx response back into a kanal::Error. Bodies that
// are not problem+json (a proxy's HTML page, say) still give a clear error.
Error error_from_response(int status, std::string_view body);

}  // namespace kanal::wire
