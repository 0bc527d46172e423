#include "api/server/system_endpoints.h"

namespace kanal::api {

void add_system_endpoints(Router& router, wire::ServerInfo info) {
  router.add(
      "GET", "/api/v1/health", [](const Request&) { return Response::json(200, R"({"status":"ok"})"); },
      /*requires_auth=*/false);
  router.add("GET", "/api/v1/version",
             [info = std::move(info)](const Request&) { return Response::json(200, wire::to_json(info)); });
}

}  // namespace kanal::api
