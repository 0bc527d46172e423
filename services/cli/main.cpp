#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  try {
    const auto args = kanal::cli::parse_arguments(std::vector<std::string>(argv + 1, argv + argc));
    return kanal::cli::run(args, std::cin, std::cout, std::cerr);
  } catch (const kanal::cli::UsageError& e) {
    std::cerr << "kanalctl: " << e.what() << "\nTry 'kanalctl --help'.\n";
    return 2;
  }
}
