#include "support/kanald_process.h"

#include <algorithm>
#include <fstream>

#include <signal.h>

#include <stdexcept>
#include <thread>

#include "core/paths.h"

namespace kanal::test {

KanaldProcess::KanaldProcess(std::vector<std::string> extra_args, ApprovalPolicy policy)
    : data_dir_(dir_.path() / "workspace"), extra_args_(std::move(extra_args)) {
  if (policy == ApprovalPolicy::not_needed) {
    std::filesystem::create_directories(data_dir_);
    std::filesystem::permissions(data_dir_, std::filesystem::perms::owner_all);
    std::ofstream(data_dir_ / "policy.txt") << "Tests of other features publish without approval: always -> none\n";
  }
  start();
}

KanaldProcess::~KanaldProcess() {
  if (process_ && process_->running()) stop();
}

void KanaldProcess::start() {
  std::vector<std::string> argv{
      program("kanald").string(), "--data-dir", data_dir_.string(), "--listen", listen_, "--database", database_.url()};
  // A test's workspace key never goes to the keyring of the desktop the
  // tests run on, unless a test asks for a keyring (its own, see with-keyring.sh).
  if (std::find(extra_args_.begin(), extra_args_.end(), "--key-store") == extra_args_.end()) {
    argv.insert(argv.end(), {"--key-store", "file"});
  }
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  std::filesystem::remove(endpoint_file(data_dir_));
  process_ = std::make_unique<ChildProcess>(argv, dir_.path() / "kanald.log");

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!process_->running()) throw std::runtime_error("kanald exited at start:\n" + log());
    if (auto local = read_local_endpoint(data_dir_)) {
      endpoint_ = client::Endpoint{local->url, local->token};
      client::ApiClient api(endpoint_, 1, std::chrono::seconds(2));
      try {
        api.health().get();
        listen_ = endpoint_.url.substr(endpoint_.url.find("://") + 3);
        return;
      } catch (const std::exception&) {
        // not yet
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("kanald did not become healthy within 30 s:\n" + log());
}

int KanaldProcess::stop() {
  process_->signal(SIGTERM);
  auto code = process_->wait(std::chrono::seconds(60));
  if (!code) throw std::runtime_error("kanald did not stop within 60 s of SIGTERM:\n" + log());
  return *code;
}

void KanaldProcess::kill() {
  process_->signal(SIGKILL);
  process_->wait(std::chrono::seconds(10));
}

std::string KanaldProcess::log() const { return read_text_file(dir_.path() / "kanald.log"); }

RunResult kanalctl(const KanaldProcess& kanald, std::vector<std::string> args, const std::string& input) {
  std::vector<std::string> argv{program("kanalctl").string(), "--data-dir", kanald.data_dir().string()};
  if (std::find(args.begin(), args.end(), "--token") == args.end()) argv.emplace_back("--as-owner");
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, input);
}

}  // namespace kanal::test
