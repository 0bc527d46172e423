#pragma once
// A text an editor imports from, or exports to, a file a person chose.

#include <filesystem>
#include <optional>
#include <string>

namespace kanal::gui {

// The file's text; nullopt when it cannot be read or is not UTF-8.
std::optional<std::string> read_utf8_file(const std::filesystem::path& path);
// False when the file cannot be written whole.
bool write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace kanal::gui
