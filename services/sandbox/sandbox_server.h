#pragma once
// kanal-sandbox's HTTP side: the Mastodon client API subset Kanal uses, the
// OAuth pages, and /_sandbox/ for tests (request record, faults, reset).

#include <Poco/Logger.h>

#include <cstdint>
#include <memory>
#include <string>

#include "sandbox/audience.h"
#include "sandbox/faults.h"
#include "sandbox/sandbox_state.h"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace kanal::sandbox {

class SandboxServer {
 public:
  SandboxServer(SandboxState& state, FaultPlan& faults, Audience& audience, Poco::Logger& logger);
  ~SandboxServer();
  void start(const std::string& host, std::uint16_t port, bool auto_approve = false);
  std::uint16_t port() const { return port_; }
  void stop();

 private:
  SandboxState& state_;
  FaultPlan& faults_;
  Audience& audience_;
  Poco::Logger& logger_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::uint16_t port_ = 0;
};

}  // namespace kanal::sandbox
