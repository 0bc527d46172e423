#pragma once
// Starting a program with its output in a file. The desktop app starts
// kanald with it; the tests start every program under test with it.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kanal {

struct SpawnOptions {
  std::vector<std::string> argv;      // argv[0] is the program's path
  std::filesystem::path stdin_file;   // empty: /dev/null
  std::filesystem::path output_file;  // stdout and stderr, appended
  bool new_session = false;           // outlive the parent's terminal and session
};

// Starts the program with no signals blocked (whatever the caller blocks);
// returns its pid. Throws kanal::Error(internal) when it cannot be started.
pid_t spawn_process(SpawnOptions options);

}  // namespace kanal
