#pragma once
// Reading CSV (RFC 4180) as spreadsheets save it: a header row, commas or
// semicolons (as Nordic spreadsheets write them), fields in double quotes
// that may hold separators, quotes ("") and line breaks, CRLF or LF, and a
// UTF-8 byte-order mark. Each row keeps the line it starts on, for errors.

#include <string>
#include <string_view>
#include <vector>

namespace kanal::scheduling {

struct CsvRow {
  int line = 0;
  std::vector<std::string> fields;
};

// Throws Error(invalid_input) naming the line of a quote left open or of
// text after a closing quote. Blank lines (or separators only) are skipped.
std::vector<CsvRow> parse_csv(std::string_view text);

}  // namespace kanal::scheduling
