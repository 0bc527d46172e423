#pragma once
#include "api/server/router.h"
#include "settings/workspace_settings.h"
#include "store/database.h"

namespace kanal::networks {
class PluginRegistry;
}

namespace kanal::api {

// POST /api/v1/text/check: a text counted for each target account (or
// named network), with the plain-language hints.
// GET /api/v1/text/lists, POST /api/v1/text/dictionary: the word lists, and
// a word for the workspace dictionary.
// GET /api/v1/templates: the templates and audience segments.
// POST /api/v1/compose: a template for segments, languages and accounts.
// Counts follow each network's descriptor from `plugins`.
void add_text_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents,
                        const networks::PluginRegistry& plugins);

}  // namespace kanal::api
