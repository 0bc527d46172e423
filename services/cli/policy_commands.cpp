// kanalctl policy show | import FILE — the workspace's approval policy as a file.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command_support.h"

namespace kanal::cli {

int run_policy_command(const Arguments& args, std::ostream& out) {
  const auto& command = args.command;
  client::ApiClient api(endpoint_for(args), 1);
  if (command.size() == 2 && command[1] == "show") {
    out << api.policy().get();
    return 0;
  }
  if (command.size() == 3 && command[1] == "import") {
    std::ifstream in(command[2], std::ios::binary);
    if (!in) throw UsageError("cannot read " + command[2]);
    std::stringstream text;
    text << in.rdbuf();
    api.replace_policy(text.str()).get();
    out << "The approval policy is now the one in " << command[2] << ".\n";
    return 0;
  }
  throw UsageError("policy needs show, or import FILE");
}

}  // namespace kanal::cli
