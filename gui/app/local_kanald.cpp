#include "app/local_kanald.h"

#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "core/error.h"
#include "core/paths.h"
#include "core/process.h"

namespace kanal::gui {
namespace {

pid_t spawn_kanald(const LocalKanaldOptions& options, const std::filesystem::path& log) {
  std::filesystem::remove(log);
  try {
    // Its own session: closing the app or its terminal does not stop kanald.
    return spawn_process(SpawnOptions{
        {options.kanald_program.string(), "--data-dir", options.data_dir.string()}, {}, log, /*new_session=*/true});
  } catch (const Error& e) {
    throw Error(ErrorCode::unreachable, e.detail());
  }
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

bool is_healthy(const client::Endpoint& endpoint) {
  client::ApiClient api(endpoint, 1, std::chrono::seconds(2));
  try {
    api.health().get();
    return true;
  } catch (const Error&) {
    return false;
  }
}

client::Endpoint ensure_local_kanald(const LocalKanaldOptions& options,
                                     const std::function<void(const std::string&)>& progress) {
  if (auto running = client::discover_local(options.data_dir.string()); running && is_healthy(*running)) {
    return *running;
  }
  // kanald processes this app started and that ended since: collect them.
  while (::waitpid(-1, nullptr, WNOHANG) > 0) {
  }
  progress("Starting Kanal's service…");
  create_private_directories(options.data_dir);
  const auto log = options.data_dir / "kanald-start.log";
  const pid_t pid = spawn_kanald(options, log);

  const auto deadline = std::chrono::steady_clock::now() + options.start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      // It stopped: either another kanald won the race (fine), or it refused.
      if (auto running = client::discover_local(options.data_dir.string()); running && is_healthy(*running)) {
        return *running;
      }
      auto said = read_all(log);
      throw Error(ErrorCode::unreachable, "kanald did not start: " + (said.empty() ? "no message" : said));
    }
    if (auto started = client::discover_local(options.data_dir.string()); started && is_healthy(*started)) {
      return *started;
    }
    progress("Waiting for Kanal's service…");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw Error(ErrorCode::unreachable, "kanald did not answer within " + std::to_string(options.start_timeout.count()) +
                                          " s; see " + log.string());
}

}  // namespace kanal::gui
