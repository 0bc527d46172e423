#include "core/csv.h"

#include <algorithm>

#include "core/error.h"

namespace kanal::csv {
namespace {

// The separator the header row uses: ';' if it has more of them than commas.
char separator_of(std::string_view text) {
  const auto header = text.substr(0, text.find('\n'));
  std::size_t commas = 0, semicolons = 0;
  for (char c : header) {
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace

std::vector<Row> parse(std::string_view text, std::optional<char> separator_given) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const char separator = separator_given.value_or(separator_of(text));
  std::vector<Row> rows;
  Row row;
  std::string field;
  int line = 1;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the field's closing quote was seen
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    was_quoted = false;
  };
  auto end_row = [&] {
    end_field();
    // Spreadsheets end files with rows of separators only: blank too.
    const bool blank = std::all_of(row.fields.begin(), row.fields.end(), [](const auto& f) { return f.empty(); });
    if (!blank) rows.push_back(std::move(row));
    row = Row{};
  };
  row.line = line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
          was_quoted = true;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = true;
    } else if (c == separator) {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      row.line = ++line;
    } else if (was_quoted) {
      throw Error(
          ErrorCode::invalid_input,
          "line " + std::to_string(line) + ": text after a closing quote; a quote inside a field is written \"\"",
          "line " + std::to_string(line));
    } else {
      field += c;
    }
  }
  if (quoted) {
    throw Error(ErrorCode::invalid_input, "line " + std::to_string(row.line) + ": a quoted field is never closed",
                "line " + std::to_string(row.line));
  }
  if (!field.empty() || !row.fields.empty() || was_quoted) end_row();
  return rows;
}

}  // namespace kanal::csv
