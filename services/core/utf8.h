#pragma once
// UTF-8 checks on text that crosses a boundary (API input, network JSON).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kanal::utf8 {

bool is_valid(std::string_view text);

// Number of Unicode code points, or nullopt when the text is not valid UTF-8.
std::optional<std::size_t> code_points(std::string_view text);

// At most `max_code_points` code points of valid UTF-8 `text`, with "…"
// appended when something was cut; line breaks become spaces.
std::string preview(std::string_view text, std::size_t max_code_points);

// `text` with every ill-formed sequence replaced by U+FFFD, so text from a
// network that sends broken bytes can still be read and kept.
std::string repaired(std::string_view text);

// The first `max_code_points` code points of `text` (stopping early at an
// ill-formed sequence).
std::string_view prefix(std::string_view text, std::size_t max_code_points);

}  // namespace kanal::utf8
