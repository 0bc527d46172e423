#pragma once
// kanalctl's command line: global options, then a command and its options.

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace kanal::cli {

// A mistake in the command line (exit code 2).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Arguments {
  std::optional<std::string> server;  // --server URL
  std::optional<std::string> token;   // --token T (or KANAL_TOKEN)
  std::optional<std::string> data_dir;
  bool as_owner = false;  // --as-owner: the local workspace token, as the desktop's owner
  bool json = false;
  std::vector<std::string> command;                       // e.g. {"post", "show", "12"}
  std::map<std::string, std::string> options;             // command options, e.g. {"text", "…"}
  std::map<std::string, std::vector<std::string>> lists;  // options given many times, e.g. --image
  std::set<std::string> flags;                            // command switches, e.g. --jsonl
};

// Throws UsageError. `--help` and `--version` come back as commands.
Arguments parse_arguments(const std::vector<std::string>& argv);

extern const char* const kUsage;

}  // namespace kanal::cli
