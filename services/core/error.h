#pragma once
// The one error type of the services layer: a typed exception.
// Every layer below the HTTP boundary throws kanal::Error; the API server
// turns it into problem+json, the client turns problem+json back into it.

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kanal {

enum class ErrorCode {
  invalid_input,           // a field is missing, of the wrong type, or out of range
  unknown_field,           // a request carried a field the API does not know
  malformed_json,          // the body is not JSON, or not valid UTF-8
  payload_too_large,       // the body is over the limit
  unsupported_media_type,  // a body that is not what the route reads (JSON, or an image)
  unauthorized,            // missing or wrong token
  forbidden,               // authenticated, but not allowed
  not_found,               // no such object (or route)
  method_not_allowed,
  stale_version,      // optimistic concurrency: someone changed it first
  approval_required,  // the post lacks the approvals the policy asks for, or they are void
  too_many_attempts,  // sign-in locked after repeated failures; wait or ask an admin
  held_back,          // publishing is paused (a crisis) or the account is in a blackout window
  unavailable,        // the database is busy or the server is stopping; retry
  unreachable,        // client side: kanald could not be reached
  internal,           // a bug or an unexpected failure
};

std::string_view to_string(ErrorCode code);
ErrorCode error_code_from_string(std::string_view text);  // unknown → internal
int http_status(ErrorCode code);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string detail, std::string field = {});

  ErrorCode code() const noexcept { return code_; }
  const std::string& detail() const noexcept { return detail_; }
  // The offending input field (JSON pointer-ish name such as "text"), if any.
  const std::string& field() const noexcept { return field_; }
  // When trying again makes sense (a lock that ends, a busy database); kanald
  // answers it as Retry-After.
  std::optional<std::chrono::seconds> retry_after() const noexcept { return retry_after_; }
  Error& with_retry_after(std::chrono::seconds wait) {
    retry_after_ = wait;
    return *this;
  }

 private:
  ErrorCode code_;
  std::string detail_;
  std::string field_;
  std::optional<std::chrono::seconds> retry_after_;
};

}  // namespace kanal
