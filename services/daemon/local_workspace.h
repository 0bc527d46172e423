#pragma once
// What makes a data directory a local workspace: one kanald at a time (a
// lock), a private access token, and a file that says where kanald listens.

#include <filesystem>
#include <string>

namespace kanal::daemon {

// Holds an exclusive lock on DATA_DIR/kanald.lock while alive; throws
// kanal::Error(unavailable) when another kanald holds it.
class WorkspaceLock {
 public:
  explicit WorkspaceLock(const std::filesystem::path& data_dir);
  ~WorkspaceLock();
  WorkspaceLock(const WorkspaceLock&) = delete;
  WorkspaceLock& operator=(const WorkspaceLock&) = delete;

 private:
  int fd_ = -1;
};

// The token in DATA_DIR/access-token, created (random, owner-only) if absent.
std::string ensure_access_token(const std::filesystem::path& data_dir);
// Puts `token` in the file (owner-only, replaced whole): a rotation
// (auth::SignIn::rotate_workspace_token).
void write_access_token(const std::filesystem::path& data_dir, const std::string& token);

void publish_endpoint(const std::filesystem::path& data_dir, const std::string& url);
void withdraw_endpoint(const std::filesystem::path& data_dir);

// The OS user running kanald: login and a display name (from GECOS).
struct OsUser {
  std::string login;
  std::string display_name;
};
OsUser current_os_user();

}  // namespace kanal::daemon
