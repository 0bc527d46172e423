#pragma once
#include <iosfwd>
#include <string>

#include "cli/arguments.h"

namespace kanal::cli {

// Runs one command; returns the process exit code (0, 1 or 2).
int run(const Arguments& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace kanal::cli
