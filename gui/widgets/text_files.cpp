#include "widgets/text_files.h"

#include <fstream>
#include <sstream>

#include "core/utf8.h"

namespace kanal::gui {

std::optional<std::string> read_utf8_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in || !utf8::is_valid(text.str())) return std::nullopt;
  return text.str();
}

bool write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

}  // namespace kanal::gui
