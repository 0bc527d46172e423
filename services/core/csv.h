#pragma once
// Reading CSV (RFC 4180) as spreadsheets save it: a header row, commas or
// semicolons (as Nordic spreadsheets write them) — or a separator the file's
// format names (a tab) — fields in double quotes that may hold separators,
// quotes ("") and line breaks, CRLF or LF, and a UTF-8 byte-order mark.
// Each row keeps the line it starts on, for errors. Used for the schedule
// import, kanalctl moderation eval and the moderation trainer's data.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanal::csv {

struct Row {
  int line = 0;
  std::vector<std::string> fields;
};

// `separator`: nullopt takes ';' when the header row has more of them than
// commas, else ','. Throws Error(invalid_input) naming the line of a quote
// left open or of text after a closing quote. Blank lines (or separators
// only) are skipped.
std::vector<Row> parse(std::string_view text, std::optional<char> separator = std::nullopt);

}  // namespace kanal::csv
