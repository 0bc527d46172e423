#pragma once
// The workspace's templates and audience segments live in templates.json in
// its data folder, where an admin can edit them; it starts as Kanal's default
// catalog. A file that does not read is reported and the default used.

#include <filesystem>

#include <Poco/Logger.h>

#include "api/server/text_endpoints.h"

namespace kanal::daemon {

api::TemplateCatalog load_templates(const std::filesystem::path& data_dir, Poco::Logger& log);

}  // namespace kanal::daemon
