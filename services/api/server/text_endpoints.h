#pragma once
#include "api/server/router.h"
#include "core/time.h"
#include "store/database.h"
#include "text/templates.h"
#include "text/word_lists.h"

namespace kanal::networks {
class PluginRegistry;
}

namespace kanal::api {

// The workspace's templates and segments, and the JSON they were read from.
struct TemplateCatalog {
  std::string json;
  text::Catalog catalog;
};

// What a workspace says about text: its templates and segments, its word
// lists and dictionary (kanald keeps them as files an admin edits).
class WorkspaceText {
 public:
  virtual ~WorkspaceText() = default;
  virtual const TemplateCatalog& templates() const = 0;
  virtual std::shared_ptr<const text::WordLists> word_lists() const = 0;
  virtual std::shared_ptr<const text::WordLists> add_to_dictionary(const std::string& word) = 0;
};

// POST /api/v1/text/check: a text counted for each target account (or
// named network), with the plain-language hints.
// GET /api/v1/text/lists, POST /api/v1/text/dictionary: the word lists, and
// a word for the workspace dictionary.
// GET /api/v1/templates: the templates and audience segments.
// POST /api/v1/compose: a template for segments, languages and accounts.
// Counts follow each network's descriptor from `plugins`.
void add_text_endpoints(Router& router, store::Database& db, WorkspaceText& workspace, const Clock& clock,
                        const networks::PluginRegistry& plugins);

}  // namespace kanal::api
