#pragma once
// kanald's HTTP front: Poco's HTTP server, a body limit, bearer-token
// authentication, each route's permission checked against the caller's
// role, problem+json for every error, and a drain on stop.

#include <Poco/Logger.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/server/router.h"
#include "auth/sign_in.h"
#include "core/config.h"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace kanal::api {

struct ApiServerOptions {
  ListenAddress listen;
  unsigned threads = 8;
  std::int64_t request_timeout_s = 30;
  std::size_t max_body_bytes = 1024 * 1024;
  // Who a bearer token stands for; throws Error unauthorized when no one.
  std::function<auth::Caller(const std::string& token)> authenticate;
};

class ApiServer {
 public:
  ApiServer(ApiServerOptions options, Router router, Poco::Logger& logger);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds and starts serving; throws kanal::Error when the address is taken.
  void start();
  // The port actually bound (useful with port 0).
  std::uint16_t port() const noexcept { return port_; }
  // Stops accepting, lets requests in flight finish (up to the request
  // timeout), then closes idle connections and joins the threads.
  void stop();

  // Called by the request handler.
  struct Shared;

 private:
  std::shared_ptr<Shared> shared_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::uint16_t port_ = 0;
};

}  // namespace kanal::api
