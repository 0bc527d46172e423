#pragma once
// A real kanald for a test: its own data directory, its own database
// (SQLite, or a fresh PostgreSQL database under KANAL_TEST_DATABASE), a free
// port on 127.0.0.1, and a client endpoint once /health answers.

#include <memory>
#include <string>
#include <vector>

#include "api/client/api_client.h"
#include "support/child_process.h"
#include "support/temp_dir.h"
#include "support/test_databases.h"

namespace kanal::test {

// Tests of other features publish without approval; tests of the approval
// workflow run under Kanal's default policy.
enum class ApprovalPolicy { not_needed, kanal_default };

class KanaldProcess {
 public:
  explicit KanaldProcess(std::vector<std::string> extra_args = {}, ApprovalPolicy policy = ApprovalPolicy::not_needed);
  ~KanaldProcess();

  // (Re)starts kanald and waits until it is healthy; throws if it is not
  // within 30 s, with its log in the message. A restart listens on the port
  // of the first start, as a configured team server would.
  void start();
  // SIGTERM and wait; returns the exit code.
  int stop();
  void kill();

  const std::filesystem::path& data_dir() const { return data_dir_; }
  const client::Endpoint& endpoint() const { return endpoint_; }
  std::string log() const;
  const TestDatabase& database() const { return database_; }
  pid_t pid() const { return process_ ? process_->pid() : -1; }

 private:
  TempDir dir_;
  std::filesystem::path data_dir_;
  TestDatabase database_;
  std::vector<std::string> extra_args_;
  std::string listen_ = "127.0.0.1:0";
  std::unique_ptr<ChildProcess> process_;
  client::Endpoint endpoint_;
};

// kanalctl run against `kanald`'s workspace (it finds the endpoint there), as
// a script of the desktop's owner would run it (--as-owner, unless args
// name a --token).
RunResult kanalctl(const KanaldProcess& kanald, std::vector<std::string> args, const std::string& input = {});

}  // namespace kanal::test
