#include "net/endpoint.h"

#include <algorithm>
#include <cctype>

namespace kanal::net {

bool is_trusted_endpoint(const std::string& url, std::initializer_list<std::string_view> domains) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const auto scheme = url.substr(0, scheme_end);
  auto host = url.substr(scheme_end + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  if (host.find('@') != std::string::npos) return false;
  const bool web = scheme == "http" || scheme == "https";
  if (host.starts_with("[::1]")) return web;
  host = host.substr(0, host.find(':'));
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (host == "127.0.0.1" || host == "localhost") return web;
  return scheme == "https" && std::any_of(domains.begin(), domains.end(), [&](std::string_view domain) {
           return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                                     host[host.size() - domain.size() - 1] == '.');
         });
}

}  // namespace kanal::net
