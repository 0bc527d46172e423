#pragma once
// A blocking HTTP exchange over libcurl. Connection failures and timeouts
// become kanal::Error(unreachable); HTTP error statuses are returned as-is.

#include <chrono>
#include <map>
#include <string>

namespace kanal::client {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::map<std::string, std::string> headers;
  std::string body;
  std::chrono::milliseconds timeout{30'000};
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
};

HttpResponse perform(const HttpRequest& request);

// `text` as one path segment or query value (RFC 3986 unreserved kept).
std::string url_encode(const std::string& text);

}  // namespace kanal::client
