#pragma once
// Plain request/response values, so endpoints can be tested without sockets.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/domain.h"
#include "core/time.h"

namespace kanal::api {

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;                      // the last value of each name
  std::vector<std::pair<std::string, std::string>> query_pairs;  // all of them, in order (types[]=a&types[]=b)
  std::map<std::string, std::string> path_params;                // filled by the router
  std::map<std::string, std::string> headers;                    // names in lower case
  std::string body;
  std::string content_type;
  UserId user;                        // who the bearer token acts as; set before dispatch
  Role role = Role::records_officer;  // the caller's role (set for every route but open ones)
  std::string token;                  // the bearer token itself (signing out ends its session)

  std::optional<std::string> query_value(const std::string& name) const;
  std::vector<std::string> query_values(const std::string& name) const;
  // A query parameter that must be a positive integer (invalid_input otherwise).
  std::optional<std::int64_t> query_positive(const std::string& name) const;
  // A query parameter that must be an RFC 3339 time (invalid_input otherwise).
  std::optional<Timestamp> query_time(const std::string& name) const;
  std::string header(const std::string& lower_case_name) const;
  // The positive integer in path parameter `name`; anything else names no
  // such `what` (kanal::Error not_found).
  std::int64_t path_id(const std::string& name, const std::string& what) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;

  static Response json(int status, std::string body);
  static Response empty(int status);
};

}  // namespace kanal::api
