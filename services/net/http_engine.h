#pragma once
// kanald's outgoing HTTP: one thread drives every transfer through one curl
// multi handle, so a slow network never holds up another. Each request's
// Future completes with the response (any status) or a TransportError that
// says whether the request may have reached the server.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/future.h"

namespace kanal::net {

struct FormPart {
  std::string name;
  std::string value;         // the content (file bytes for a file part)
  std::string filename;      // set for a file part
  std::string content_type;  // e.g. image/png for a file part
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::vector<FormPart> form;  // multipart/form-data when not empty (body ignored)
  std::chrono::milliseconds timeout{30'000};
  std::chrono::milliseconds connect_timeout{10'000};
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  // libcurl silently resends a request whose reused connection died without
  // an answer. For a request that posts something that would be a second
  // post: such requests go on a fresh connection, and a lost answer is
  // reported (TransportError with request_sent) instead.
  bool must_not_resend = false;
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string header(const std::string& lower_case_name) const;
};

// The request did not produce a response. `request_sent` false means it
// certainly did not reach the server (e.g. connection refused); true means
// it may have been processed (timeout or connection lost after sending).
class TransportError : public Error {
 public:
  TransportError(bool request_sent, std::string detail)
      : Error(ErrorCode::unreachable, std::move(detail)), request_sent_(request_sent) {}
  bool request_sent() const noexcept { return request_sent_; }

 private:
  bool request_sent_;
};

// Adds one raw header line ("Name: value\r\n") to `headers`, name in lower case.
void add_header_line(std::map<std::string, std::string>& headers, std::string_view line);

class HttpEngine {
 public:
  HttpEngine();
  ~HttpEngine();  // fails what is still in flight, then joins its thread
  HttpEngine(const HttpEngine&) = delete;
  HttpEngine& operator=(const HttpEngine&) = delete;

  Future<HttpResponse> send(HttpRequest request);
  // Completes after `delay`, on the engine's thread (for polling without
  // holding a thread).
  Future<Done> after(std::chrono::milliseconds delay);

  struct Transfer;  // one request in flight (defined in the .cpp)

 private:
  void run();
  void start(std::unique_ptr<Transfer> transfer);
  void finish(Transfer* transfer, int curl_code);

  void* multi_ = nullptr;  // CURLM*
  std::mutex mutex_;
  std::deque<std::unique_ptr<Transfer>> queued_;
  std::map<Transfer*, std::unique_ptr<Transfer>> active_;
  std::multimap<std::chrono::steady_clock::time_point, Promise<Done>> timers_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kanal::net
