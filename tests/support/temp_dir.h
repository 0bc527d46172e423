#pragma once
#include <filesystem>
#include <string>

namespace kanal::test {

// A fresh directory under the system temp dir, removed when it goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes `bytes` to `path`, replacing what was there.
void write_file(const std::filesystem::path& path, const std::string& bytes);

}  // namespace kanal::test
