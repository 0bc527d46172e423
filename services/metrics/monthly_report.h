#pragma once
// The monthly report: a day after a month has ended (so its last posts have
// a day of figures), kanald writes its report — PDF and CSV, every account —
// into the folder the admin chose, once; months missed while kanald was
// away are written too. Months are calendar months in the chosen zone.

#include <Poco/Data/Session.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/time.h"
#include "store/database.h"

namespace kanal::metrics {

struct MonthlyReportSettings {
  std::string folder;  // empty: no monthly report
  std::string zone = "UTC";
};

MonthlyReportSettings monthly_report_settings(Poco::Data::Session& session);
// Error(invalid_input) for a relative folder or an unknown zone.
void save_monthly_report_settings(Poco::Data::Session& session, const MonthlyReportSettings& settings);

// Writes the months that are due and not written yet; the files written
// (none when nothing was due). Error(unavailable) when the folder cannot be
// written: tried again later.
std::vector<std::filesystem::path> write_monthly_report(store::Database& db, Timestamp now);

}  // namespace kanal::metrics
