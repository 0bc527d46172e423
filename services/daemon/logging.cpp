#include "daemon/logging.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SplitterChannel.h>

#include <iostream>

#include "core/paths.h"

namespace kanal::daemon {

Poco::Logger& configure_logging(const std::filesystem::path& data_dir, const std::string& level) {
  using Poco::AutoPtr;
  create_private_directories(data_dir / "logs");

  AutoPtr<Poco::FileChannel> file(new Poco::FileChannel((data_dir / "logs" / "kanald.log").string()));
  file->setProperty("rotation", "1 M");
  file->setProperty("archive", "number");
  file->setProperty("purgeCount", "5");
  file->setProperty("flush", "false");

  AutoPtr<Poco::SplitterChannel> both(new Poco::SplitterChannel);
  both->addChannel(AutoPtr<Poco::Channel>(new Poco::ConsoleChannel(std::cerr)));
  both->addChannel(file);

  AutoPtr<Poco::PatternFormatter> format(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %q %s: %t"));
  AutoPtr<Poco::FormattingChannel> formatted(new Poco::FormattingChannel(format, both));

  auto& root = Poco::Logger::root();
  root.setChannel(formatted);
  root.setLevel(level);
  auto& logger = Poco::Logger::get("kanald");
  logger.setChannel(formatted);
  logger.setLevel(level);
  return logger;
}

}  // namespace kanal::daemon
