#include "core/error.h"

#include <array>
#include <utility>

namespace kanal {
namespace {

struct CodeInfo {
  ErrorCode code;
  std::string_view name;
  int status;
};

constexpr std::array kCodes{
    CodeInfo{ErrorCode::invalid_input, "invalid_input", 422},
    CodeInfo{ErrorCode::unknown_field, "unknown_field", 422},
    CodeInfo{ErrorCode::malformed_json, "malformed_json", 400},
    CodeInfo{ErrorCode::payload_too_large, "payload_too_large", 413},
    CodeInfo{ErrorCode::unsupported_media_type, "unsupported_media_type", 415},
    CodeInfo{ErrorCode::unauthorized, "unauthorized", 401},
    CodeInfo{ErrorCode::forbidden, "forbidden", 403},
    CodeInfo{ErrorCode::not_found, "not_found", 404},
    CodeInfo{ErrorCode::method_not_allowed, "method_not_allowed", 405},
    CodeInfo{ErrorCode::stale_version, "stale_version", 409},
    CodeInfo{ErrorCode::approval_required, "approval_required", 409},
    CodeInfo{ErrorCode::too_many_attempts, "too_many_attempts", 429},
    CodeInfo{ErrorCode::held_back, "held_back", 409},
    CodeInfo{ErrorCode::unavailable, "unavailable", 503},
    CodeInfo{ErrorCode::unreachable, "unreachable", 0},
    CodeInfo{ErrorCode::internal, "internal", 500},
};

const CodeInfo& info(ErrorCode code) {
  for (const auto& entry : kCodes) {
    if (entry.code == code) return entry;
  }
  return kCodes.back();
}

}  // namespace

std::string_view to_string(ErrorCode code) { return info(code).name; }

ErrorCode error_code_from_string(std::string_view text) {
  for (const auto& entry : kCodes) {
    if (entry.name == text) return entry.code;
  }
  return ErrorCode::internal;
}

int http_status(ErrorCode code) { return info(code).status; }

Error::Error(ErrorCode code, std::string detail, std::string field)
    : std::runtime_error(detail), code_(code), detail_(std::move(detail)), field_(std::move(field)) {}

}  // namespace kanal
