#include "support/child_process.h"

#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/process.h"
#include "support/temp_dir.h"

namespace kanal::test {

std::filesystem::path program(const std::string& name) { return std::filesystem::path(KANAL_TEST_BIN_DIR) / name; }

ChildProcess::ChildProcess(std::vector<std::string> argv, const std::filesystem::path& log_file,
                           const std::filesystem::path& stdin_file)
    : pid_(spawn_process(SpawnOptions{std::move(argv), stdin_file, log_file, false})) {}

ChildProcess::~ChildProcess() {
  if (running()) {
    signal(SIGKILL);
    wait(std::chrono::seconds(10));
  }
}

void ChildProcess::signal(int signo) {
  if (pid_ > 0 && !exit_code_) ::kill(pid_, signo);
}

bool ChildProcess::running() {
  if (exit_code_ || pid_ <= 0) return false;
  return !wait(std::chrono::milliseconds(0)).has_value();
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout) {
  if (exit_code_) return exit_code_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return exit_code_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

RunResult run_program(std::vector<std::string> argv, const std::string& stdin_text, std::chrono::milliseconds timeout) {
  TempDir dir;
  const auto input = dir.path() / "stdin";
  { std::ofstream(input, std::ios::binary) << stdin_text; }
  const auto output = dir.path() / "output";
  ChildProcess child(std::move(argv), output, input);
  auto code = child.wait(timeout);
  RunResult result;
  result.exit_code = code.value_or(-1);
  result.out = read_text_file(output);
  return result;
}

}  // namespace kanal::test
