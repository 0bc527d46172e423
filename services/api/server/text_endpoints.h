#pragma once
#include "api/server/router.h"
#include "networks/plugin_registry.h"
#include "store/database.h"

namespace kanal::api {

// POST /api/v1/text/check: a text counted for each target account (or
// named network), with the plain-language hints.
void add_text_endpoints(Router& router, store::Database& db, networks::PluginRegistry& plugins);

}  // namespace kanal::api
