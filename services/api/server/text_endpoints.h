#pragma once
#include "api/server/router.h"
#include "networks/plugin_registry.h"
#include "store/database.h"
#include "text/templates.h"

namespace kanal::api {

// The workspace's templates and segments, and the JSON they were read from.
struct TemplateCatalog {
  std::string json;
  text::Catalog catalog;
};

// POST /api/v1/text/check: a text counted for each target account (or
// named network), with the plain-language hints.
// GET /api/v1/templates: the templates and audience segments.
// POST /api/v1/compose: a template for segments, languages and accounts.
void add_text_endpoints(Router& router, store::Database& db, networks::PluginRegistry& plugins,
                        const TemplateCatalog& catalog);

}  // namespace kanal::api
