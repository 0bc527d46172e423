#include "core/paths.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>

#include "core/error.h"

namespace kanal {

std::filesystem::path program_path() {
  std::error_code error;
  auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : path;
}

std::filesystem::path default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "kanal";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : ".") / ".local" / "share" / "kanal";
}

std::filesystem::path endpoint_file(const std::filesystem::path& data_dir) { return data_dir / "kanald.endpoint"; }

std::filesystem::path token_file(const std::filesystem::path& data_dir) { return data_dir / "access-token"; }

std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

namespace {

bool is_own_live_process(long pid) {
  struct stat info {};
  const auto proc = "/proc/" + std::to_string(pid);
  if (::stat(proc.c_str(), &info) != 0) return false;
  return info.st_uid == ::geteuid();
}

}  // namespace

std::optional<LocalEndpoint> read_local_endpoint(const std::filesystem::path& data_dir) {
  auto endpoint_json = read_whole_file(endpoint_file(data_dir));
  auto token = read_whole_file(token_file(data_dir));
  if (!endpoint_json || !token) return std::nullopt;

  rapidjson::Document doc;
  doc.Parse(endpoint_json->c_str(), endpoint_json->size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("url") || !doc["url"].IsString()) return std::nullopt;

  LocalEndpoint endpoint;
  endpoint.url = doc["url"].GetString();
  if (doc.HasMember("pid") && doc["pid"].IsInt64()) endpoint.pid = static_cast<long>(doc["pid"].GetInt64());
  // A file left by a kanald that died names a port someone else may hold
  // now: trust it only while its process lives and is ours.
  if (endpoint.pid > 0 && !is_own_live_process(endpoint.pid)) return std::nullopt;
  while (!token->empty() && (token->back() == '\n' || token->back() == '\r')) token->pop_back();
  endpoint.token = *token;
  if (endpoint.token.empty()) return std::nullopt;
  return endpoint;
}

void create_private_directories(const std::filesystem::path& path) {
  std::filesystem::path built;
  for (const auto& part : path) {
    built /= part;
    if (::mkdir(built.c_str(), S_IRWXU) == 0) {
      ::chmod(built.c_str(), S_IRWXU);  // mkdir's mode passes through the umask
    } else if (errno != EEXIST) {
      throw Error(ErrorCode::internal, "cannot create the folder " + built.string() + ": " + std::strerror(errno));
    }
  }
}

void write_private_file(const std::filesystem::path& path, const std::string& content) {
  const auto temp = path.string() + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    throw Error(ErrorCode::internal, "cannot write " + temp + ": " + std::strerror(errno));
  }
  ::fchmod(fd, S_IRUSR | S_IWUSR);  // an older file may have had wider rights
  std::size_t written = 0;
  while (written < content.size()) {
    const auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      throw Error(ErrorCode::internal, "cannot write " + temp + ": " + reason);
    }
    written += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  std::filesystem::rename(temp, path);
}

}  // namespace kanal
