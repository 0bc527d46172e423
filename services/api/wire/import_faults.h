#pragma once
// What a CSV import found wrong, by line (1 is the header) and column: the
// schedule import's and the press contacts' answers share the shape — a
// problem report (RFC 9457, 422) listing every fault, nothing imported.

#include <cstdint>
#include <string>
#include <vector>

#include "core/json.h"

namespace kanal::wire {

struct ImportFault {
  std::int64_t line = 0;
  std::string column;
  std::string message;
  friend bool operator==(const ImportFault&, const ImportFault&) = default;
};

// The problem report's members when there are faults (type, title, status,
// code, detail); nothing when there are none.
void write_import_problem(json::JsonWriter& w, const std::vector<ImportFault>& faults);
// "faults": [{line, column, message}…]
void write_import_faults(json::JsonWriter& w, const std::vector<ImportFault>& faults);
// The "faults" member, if there is one.
std::vector<ImportFault> read_import_faults(json::ObjectReader& reader);

}  // namespace kanal::wire
