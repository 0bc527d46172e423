#pragma once
// Faults the sandbox injects on request, for tests and benchmarks: each
// applies to the next N requests whose path starts with a prefix (after
// letting `skip` of them pass).

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kanal::sandbox {

enum class FaultKind {
  server_error,     // 503 before processing
  rate_limited,     // 429 with X-RateLimit-Reset, before processing
  drop_after,       // process the request, then close the connection without answering
  malformed_json,   // process, then answer 200 with a broken body
  timeout,          // process, then answer only after `delay` (longer than the client waits)
  malformed_items,  // process, then spoil the first item of a JSON array answer (the rest stay readable)
  unprocessable,    // 422 before processing, as a server refusing a parameter (e.g. a forgotten cursor)
};

struct Fault {
  FaultKind kind = FaultKind::server_error;
  std::string path_prefix;  // e.g. /api/v1/statuses
  int remaining = 1;
  std::chrono::milliseconds delay{0};
  int skip = 0;
};

class FaultPlan {
 public:
  void add(Fault fault);
  void clear();
  void set_latency(std::chrono::milliseconds latency);
  std::chrono::milliseconds latency() const;
  // The fault to apply to this request (consuming one of its count), if any.
  std::optional<Fault> take(const std::string& path);

  // JSON body of POST /_sandbox/faults:
  // {"kind":"drop_after","path":"/api/v1/statuses","count":1,"delay_ms":0,"skip":0}
  static Fault parse(const std::string& json);

 private:
  mutable std::mutex mutex_;
  std::vector<Fault> faults_;
  std::chrono::milliseconds latency_{0};
};

}  // namespace kanal::sandbox
