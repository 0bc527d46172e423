#pragma once
// The monthly report: once a month has ended, kanald writes its report —
// PDF and CSV, every account — into the folder the admin chose, once.
// Months are calendar months in the workspace's time zone.

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

// Writes the month before `now` when it is due and not written yet; the
// files written (none when nothing was due). Error(unavailable) when the
// folder cannot be written: tried again next time.
std::vector<std::filesystem::path> write_monthly_report(store::Database& db, Timestamp now);

}  // namespace kanal::metrics
