#pragma once
// /api/v1/health (no token needed: it says only "alive"), /api/v1/version,
// and /api/v1/routes: every route with the permission it needs.

#include "api/server/router.h"
#include "api/wire/messages.h"

namespace kanal::api {

void add_system_endpoints(Router& router, wire::ServerInfo info);
// Call last: it lists the routes added before it (and itself).
void add_route_list(Router& router);

}  // namespace kanal::api
