#include "support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <string>

namespace kanal::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kanal-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::filesystem::filesystem_error("mkdtemp", std::error_code());
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace kanal::test
