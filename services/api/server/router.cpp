#include "api/server/router.h"

#include <algorithm>
#include <charconv>

#include "core/error.h"

namespace kanal::api {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::string current;
  for (char c : path) {
    if (c == '/') {
      if (!current.empty()) segments.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) segments.push_back(std::move(current));
  return segments;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::optional<std::string> Request::query_value(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::int64_t> Request::query_positive(const std::string& name) const {
  const auto text = query_value(name);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value <= 0) {
    throw Error(ErrorCode::invalid_input, name + " must be a positive integer", name);
  }
  return value;
}

std::optional<Timestamp> Request::query_time(const std::string& name) const {
  const auto text = query_value(name);
  if (!text) return std::nullopt;
  const auto at = parse_iso8601(*text);
  if (!at) throw Error(ErrorCode::invalid_input, name + " must be an RFC 3339 time", name);
  return at;
}

std::vector<std::string> Request::query_values(const std::string& name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : query_pairs) {
    if (key == name) values.push_back(value);
  }
  return values;
}

std::string Request::header(const std::string& lower_case_name) const {
  auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

std::int64_t Request::path_id(const std::string& name, const std::string& what) const {
  const auto it = path_params.find(name);
  const std::string text = it == path_params.end() ? std::string() : it->second;
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
    throw Error(ErrorCode::not_found, "no " + what + " " + text);
  }
  return id;
}

Response Response::json(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response Response::empty(int status) {
  Response response;
  response.status = status;
  response.content_type.clear();
  return response;
}

void Router::add(std::string method, const std::string& pattern, Permission permission, Handler handler,
                 BodyTypes body_types) {
  routes_.push_back(
      Route{std::move(method), split_path(pattern), pattern, std::move(handler), permission, 0, std::move(body_types)});
}

void Router::add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back(Route{std::move(method), split_path(pattern), pattern, std::move(handler), std::nullopt});
}

void Router::add_upload(std::string method, const std::string& pattern, Permission permission, Handler handler,
                        std::size_t max_body_bytes, BodyTypes body_types) {
  routes_.push_back(Route{std::move(method), split_path(pattern), pattern, std::move(handler), permission,
                          max_body_bytes, std::move(body_types)});
}

void Router::guard(const std::string& pattern, Guard guard) {
  guards_.emplace_back(split_path(pattern), std::move(guard));
}

std::vector<Router::RouteInfo> Router::routes() const {
  std::vector<RouteInfo> infos;
  for (const auto& route : routes_) infos.push_back(RouteInfo{route.method, route.pattern, route.permission});
  return infos;
}

std::vector<std::pair<const Router::Route*, std::map<std::string, std::string>>> Router::matching(
    const std::vector<std::string>& segments) const {
  std::vector<std::pair<const Route*, std::map<std::string, std::string>>> found;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool same = true;
    for (std::size_t i = 0; i < segments.size() && same; ++i) {
      const auto& expected = route.segments[i];
      if (is_param(expected)) {
        params[expected.substr(1, expected.size() - 2)] = segments[i];
      } else {
        same = expected == segments[i];
      }
    }
    if (same) found.emplace_back(&route, std::move(params));
  }
  return found;
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  const auto found = matching(split_path(path));
  for (const auto& [route, params] : found) {
    if (route->method != method) continue;
    Match match{&route->handler,       {},
                route->permission,     params,
                route->max_body_bytes, route->body_types ? &*route->body_types : nullptr};
    for (const auto& [prefix, guard] : guards_) {
      if (prefix.size() <= route->segments.size() &&
          std::equal(prefix.begin(), prefix.end(), route->segments.begin())) {
        match.guards.push_back(&guard);
      }
    }
    return match;
  }
  if (!found.empty()) {
    throw Error(ErrorCode::method_not_allowed,
                method + " is not allowed on " + path + " (allowed: " + allowed_methods(path) + ")");
  }
  throw Error(ErrorCode::not_found, "no such resource: " + path);
}

std::string Router::allowed_methods(const std::string& path) const {
  std::string allowed;
  for (const auto& [route, params] : matching(split_path(path))) {
    allowed += (allowed.empty() ? "" : ", ") + route->method;
  }
  return allowed;
}

}  // namespace kanal::api
