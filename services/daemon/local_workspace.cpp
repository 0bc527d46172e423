#include "daemon/local_workspace.h"

#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/error.h"
#include "core/paths.h"

namespace kanal::daemon {

WorkspaceLock::WorkspaceLock(const std::filesystem::path& data_dir) {
  const auto path = data_dir / "kanald.lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw Error(ErrorCode::unavailable, "cannot open " + path.string() + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw Error(ErrorCode::unavailable, "another kanald is already running for " + data_dir.string());
  }
}

WorkspaceLock::~WorkspaceLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

namespace {

std::string random_access_token() {
  if (sodium_init() < 0) throw Error(ErrorCode::internal, "libsodium failed to initialise");
  unsigned char random[32];
  randombytes_buf(random, sizeof random);
  char encoded[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, random, sizeof random, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(random, sizeof random);
  return encoded;
}

}  // namespace

std::string ensure_access_token(const std::filesystem::path& data_dir) {
  const auto path = token_file(data_dir);
  {
    std::ifstream in(path);
    std::string token;
    if (in >> token && token.size() >= 32) return token;
  }
  const auto token = random_access_token();
  write_access_token(data_dir, token);
  return token;
}

void write_access_token(const std::filesystem::path& data_dir, const std::string& token) {
  write_private_file(token_file(data_dir), token + "\n");
}

void publish_endpoint(const std::filesystem::path& data_dir, const std::string& url) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("url");
  writer.String(url.c_str());
  writer.Key("pid");
  writer.Int64(::getpid());
  writer.EndObject();
  write_private_file(endpoint_file(data_dir), std::string(buffer.GetString(), buffer.GetSize()) + "\n");
}

void withdraw_endpoint(const std::filesystem::path& data_dir) {
  std::error_code ignored;
  std::filesystem::remove(endpoint_file(data_dir), ignored);
}

OsUser current_os_user() {
  OsUser user{"local", "Local user"};
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::string buffer(static_cast<std::size_t>(size > 0 ? size : 16384), '\0');
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr) {
    user.login = found->pw_name;
    std::string gecos = found->pw_gecos != nullptr ? found->pw_gecos : "";
    gecos = gecos.substr(0, gecos.find(','));
    user.display_name = gecos.empty() ? user.login : gecos;
  }
  return user;
}

}  // namespace kanal::daemon
