#pragma once
// Maps "METHOD /path/{param}" to a handler; answers 404 and 405 itself.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/server/http_types.h"
#include "auth/permissions.h"

namespace kanal::api {

using auth::parse_permission;
using auth::Permission;
using auth::role_may;
using auth::to_string;

using Handler = std::function<Response(const Request&)>;
// Throws (not_found, forbidden) when the caller may not reach the object a
// path names; runs after the caller is known, before the handler.
using Guard = std::function<void(const Request&)>;

class Router {
 public:
  // The media types a route reads a body as (the part of Content-Type
  // before any ';'); a body of another type is refused (415) before the
  // handler runs, so a web page cannot pass a form or plain text off as a request.
  using BodyTypes = std::vector<std::string>;
  static BodyTypes json_body() { return {"application/json"}; }
  static BodyTypes image_body() { return {"image/png", "image/jpeg", "image/gif", "image/webp"}; }

  // pattern: "/api/v1/posts/{id}"; a {name} segment matches one path
  // segment. kanald's routes name who may call them.
  void add(std::string method, const std::string& pattern, Permission permission, Handler handler,
           BodyTypes body_types = json_body());
  // A route without a permission (the sandbox's; kanald's server refuses them).
  void add(std::string method, const std::string& pattern, Handler handler);
  // A route that takes a body larger than the server's limit (an image).
  void add_upload(std::string method, const std::string& pattern, Permission permission, Handler handler,
                  std::size_t max_body_bytes, BodyTypes body_types);

  // Every route whose pattern starts with `pattern` ("/api/v1/posts/{id}":
  // the post, its review, deliveries, schedule …) passes `guard` first, so a
  // route added later cannot forget whose object it serves.
  void guard(const std::string& pattern, Guard guard);

  struct Match {
    const Handler* handler = nullptr;
    std::vector<const Guard*> guards;
    std::optional<Permission> permission;
    std::map<std::string, std::string> params;
    std::size_t max_body_bytes = 0;         // 0: the server's limit
    const BodyTypes* body_types = nullptr;  // null: any (the sandbox's routes)
  };
  struct RouteInfo {
    std::string method;
    std::string pattern;
    std::optional<Permission> permission;
  };
  // Throws kanal::Error not_found (no such path) or method_not_allowed (with
  // the allowed methods in the detail).
  Match match(const std::string& method, const std::string& path) const;
  // "GET, PATCH" for the Allow header of a 405.
  std::string allowed_methods(const std::string& path) const;
  // Every route, in the order added.
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    std::string pattern;
    Handler handler;
    std::optional<Permission> permission;
    std::size_t max_body_bytes = 0;
    std::optional<BodyTypes> body_types;
  };
  // The routes whose pattern matches `segments`, any method.
  std::vector<std::pair<const Route*, std::map<std::string, std::string>>> matching(
      const std::vector<std::string>& segments) const;

  std::vector<Route> routes_;
  std::vector<std::pair<std::vector<std::string>, Guard>> guards_;
};

}  // namespace kanal::api
