#pragma once
// A proxy on 127.0.0.1 in front of a real server (the suite's Bluesky PDS),
// which passes every request on except those it was told to spoil: a 429
// before the server sees it, or an answer lost after the server did the
// work — what a real network does now and then, on demand — and, for
// benchmarks, a network's latency on every request.

#include <Poco/Net/HTTPServer.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kanal::test {

class FaultProxy {
 public:
  enum class Fault {
    rate_limited,  // 429 with ratelimit-reset a few seconds ahead; not passed on
    drop_after,    // passed on and done, then the connection closes without an answer
  };

  explicit FaultProxy(std::string target_url);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::string url() const;
  // The next `count` requests whose path starts with `path_prefix`, after `skip` of them pass.
  void add(Fault fault, std::string path_prefix, int count = 1, int skip = 0);
  // Every request waits this long before it is passed on (a distant network).
  void set_latency(std::chrono::milliseconds latency);
  // How many requests with that path start came (spoiled or not).
  std::size_t requests_to(const std::string& path_prefix) const;

  struct Planned {
    Fault fault;
    std::string path_prefix;
    int count;
    int skip;
  };
  struct Shared {
    std::string target_url;
    mutable std::mutex mutex;
    std::vector<Planned> faults;
    std::vector<std::string> paths;
    std::chrono::milliseconds latency{0};
  };

 private:
  std::shared_ptr<Shared> shared_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::uint16_t port_ = 0;
};

}  // namespace kanal::test
