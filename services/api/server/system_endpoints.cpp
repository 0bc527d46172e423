#include "api/server/system_endpoints.h"

#include <memory>

#include "core/json.h"

namespace kanal::api {

void add_system_endpoints(Router& router, wire::ServerInfo info) {
  router.add("GET", "/api/v1/health", Permission::open,
             [](const Request&) { return Response::json(200, R"({"status":"ok"})"); });
  router.add("GET", "/api/v1/version", Permission::open,
             [info = std::move(info)](const Request&) { return Response::json(200, wire::to_json(info)); });
}

void add_route_list(Router& router) {
  auto listing = std::make_shared<std::string>();
  router.add("GET", "/api/v1/routes", Permission::read,
             [listing](const Request&) { return Response::json(200, *listing); });
  *listing = json::written([&](json::JsonWriter& w) {
    w.StartArray();
    for (const auto& route : router.routes()) {
      w.StartObject();
      json::write_string(w, "method", route.method);
      json::write_string(w, "path", route.pattern);
      json::write_string(w, "permission", route.permission ? to_string(*route.permission) : "none");
      w.EndObject();
    }
    w.EndArray();
  });
}

}  // namespace kanal::api
