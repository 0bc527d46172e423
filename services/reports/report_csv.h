#pragma once
// A report's figures as CSV (RFC 4180, UTF-8), one figure a row, so a
// spreadsheet can pivot them:
//   section,account,key,at,metric,value
// `value` is empty where the network did not give the figure.

#include <filesystem>
#include <string>

#include "reports/report.h"

namespace kanal::reports {

std::string to_csv(const Report& report);
// The CSV written to `file`; Error(unavailable) naming it when it cannot be.
void write_csv(const Report& report, const std::filesystem::path& file);

}  // namespace kanal::reports
