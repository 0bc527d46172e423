#pragma once
#include <Poco/Logger.h>

#include <filesystem>
#include <string>

namespace kanal::daemon {

// Logs to stderr and to a rotating file (logs/kanald.log, 1 MiB × 5) in the
// data directory. Returns kanald's logger.
Poco::Logger& configure_logging(const std::filesystem::path& data_dir, const std::string& level);

}  // namespace kanal::daemon
