#include "daemon/templates_file.h"

#include <fstream>
#include <sstream>

#include "core/error.h"

namespace kanal::daemon {

api::TemplateCatalog load_templates(const std::filesystem::path& data_dir, Poco::Logger& log) {
  const auto path = data_dir / "templates.json";
  if (!std::filesystem::exists(path)) {
    std::ofstream(path) << text::default_catalog_json();
    log.information("templates and audience segments: Kanal's defaults, written to %s for an admin to edit",
                    path.string());
    return {std::string(text::default_catalog_json()), text::default_catalog()};
  }
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  try {
    auto catalog = text::parse_catalog(content.str());
    log.information("templates and audience segments from %s: %z templates, %z segments", path.string(),
                    catalog.templates.size(), catalog.segments.size());
    return {content.str(), std::move(catalog)};
  } catch (const Error& e) {
    log.error("%s cannot be used (%s); Kanal's default templates are used until it is mended", path.string(),
              e.detail());
    return {std::string(text::default_catalog_json()), text::default_catalog()};
  }
}

}  // namespace kanal::daemon
