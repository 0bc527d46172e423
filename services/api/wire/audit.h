#pragma once
// The audit trail over /api/v1: events as JSON (and, for records requests,
// as JSON Lines or CSV), and the result of verifying the hash chain.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"

namespace kanal::wire {

struct AuditPage {
  std::vector<AuditEvent> events;
  std::optional<std::int64_t> next_after;  // pass as ?after= for the next page
  // Events of the period about accounts closed to the caller, left out: a
  // records officer is told, so no listing looks complete when it is not.
  std::int64_t withheld = 0;
};

// A records export (jsonl or csv) says what it left out in this header.
inline constexpr const char* kWithheldHeader = "X-Kanal-Withheld";
struct AuditExport {
  std::string body;  // empty when written to a file
  std::int64_t withheld = 0;
};

std::string to_json(const AuditPage& page);
AuditPage parse_audit_page(std::string_view body);
// One JSON object per line; and CSV (RFC 4180, a header line) with the same fields.
std::string to_jsonl(const std::vector<AuditEvent>& events);
std::string to_csv(const std::vector<AuditEvent>& events);

std::string to_json(const AuditChainCheck& check);
AuditChainCheck parse_audit_check(std::string_view body);

// An anchor as kanald gives it and as it is kept in a file; read strictly.
std::string to_json(const AuditAnchor& anchor);
AuditAnchor parse_audit_anchor(std::string_view body);

}  // namespace kanal::wire
