#pragma once
// /api/v1/health (no token needed: it says only "alive") and /api/v1/version.

#include "api/server/router.h"
#include "api/wire/messages.h"

namespace kanal::api {

void add_system_endpoints(Router& router, wire::ServerInfo info);

}  // namespace kanal::api
