#pragma once
// Text as it looks to a reader, for matching what people disguise:
// confusable characters made one (ICU's spoof skeleton: 0 → O, 1 → l,
// rn → m, Cyrillic а → a), accents dropped, lower case —
// "F0RSÄKRINGSKASSAN" → "forsakringskassan". Thread-safe.

#include <string>
#include <string_view>

namespace kanal::engagement {

// Throws Error(invalid_input) for text that is not UTF-8.
std::string visual_form(std::string_view text);

}  // namespace kanal::engagement
