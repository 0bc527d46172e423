#pragma once
// /api/v1/networks (what plugins are loaded) and /api/v1/accounts (the
// connected accounts: list, connect through the browser, disconnect).

#include "api/server/router.h"
#include "networks/account_connector.h"
#include "networks/plugin_registry.h"
#include "store/database.h"

namespace kanal::api {

void add_networks_endpoints(Router& router, networks::PluginRegistry& plugins, networks::AccountConnector& connector,
                            store::Database& db, const Clock& clock);

}  // namespace kanal::api
