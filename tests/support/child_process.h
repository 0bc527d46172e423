#pragma once
// Programs under test, started as real processes (posix_spawn) with their
// output in files, and stopped by signal.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kanal::test {

// A program from the build's bin directory.
std::filesystem::path program(const std::string& name);

class ChildProcess {
 public:
  // argv[0] is the program path. stdout and stderr go to `log_file`.
  ChildProcess(std::vector<std::string> argv, const std::filesystem::path& log_file,
               const std::filesystem::path& stdin_file = {});
  ~ChildProcess();  // SIGKILLs a child still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int signo);
  // The exit code (or 128+signal), or nullopt if still running at the timeout.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  bool running();

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr, interleaved as written
};

// Runs a program to completion (killed after `timeout`).
RunResult run_program(std::vector<std::string> argv, const std::string& stdin_text = {},
                      std::chrono::milliseconds timeout = std::chrono::seconds(60));

std::string read_text_file(const std::filesystem::path& path);

}  // namespace kanal::test
