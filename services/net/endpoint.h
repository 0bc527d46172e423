#pragma once
// Whether an address an admin gave may receive a network's secrets.

#include <initializer_list>
#include <string>
#include <string_view>

namespace kanal::net {

// `url` is https on one of `domains` (or a name under one), or http(s) on
// this machine (tests, a local proxy). A setting elsewhere would hand an
// app's secret and the accounts' tokens to another host; user:password@host
// tricks are refused.
bool is_trusted_endpoint(const std::string& url, std::initializer_list<std::string_view> domains);

}  // namespace kanal::net
