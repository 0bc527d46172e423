#pragma once
// kanald: options, start-up (settings, logging, database, migrations,
// token, HTTP server), and a clean stop on SIGTERM/SIGINT.

#include <Poco/Util/ServerApplication.h>

#include <map>
#include <string>

namespace kanal::daemon {

class KanaldApp final : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& args) override;

 private:
  int serve();

  std::map<std::string, std::string> flags_;
  bool stop_after_options_ = false;
};

}  // namespace kanal::daemon
