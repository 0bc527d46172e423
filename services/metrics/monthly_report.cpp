#include "metrics/monthly_report.h"

#include <date/date.h>

#include <cstdio>

#include "core/error.h"
#include "metrics/measures.h"
#include "reports/report_csv.h"
#include "reports/report_pdf.h"
#include "scheduling/wall_clock.h"
#include "store/setting_repository.h"

namespace kanal::metrics {
namespace {

constexpr const char* kFolder = "monthly_report_folder";
constexpr const char* kZone = "monthly_report_zone";
constexpr const char* kLastWritten = "monthly_report_last";  // "2026-10"

std::string month_name(date::year_month month) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", int(month.year()), unsigned(month.month()));
  return buffer;
}

Timestamp month_start(date::year_month month, const std::string& zone) {
  return scheduling::to_utc(scheduling::LocalTime{date::local_days{month / 1}}, zone);
}

// Writes one month's report, PDF and CSV; the files.
std::vector<std::filesystem::path> write_month(store::Database& db, const MonthlyReportSettings& settings,
                                               date::year_month month) {
  ReportRequest request;
  request.from = month_start(month, settings.zone);
  request.to = month_start(month + date::months(1), settings.zone);
  request.zone = settings.zone;
  const auto report = db.read([&](Poco::Data::Session& session) { return build_report(session, request); });
  const std::filesystem::path folder(settings.folder);
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  const auto name = month_name(month);
  const auto pdf = folder / ("kanal-report-" + name + ".pdf");
  const auto csv = folder / ("kanal-report-" + name + ".csv");
  reports::write_pdf(report, "Social media report " + name, pdf);
  reports::write_csv(report, csv);
  // The folder is for the team to read; kanald's own files are private
  // (umask 077), these are meant to be shared.
  using std::filesystem::perms;
  for (const auto& file : {pdf, csv}) {
    std::filesystem::permissions(file, perms::owner_read | perms::owner_write | perms::group_read | perms::others_read,
                                 error);
  }
  return {pdf, csv};
}

}  // namespace

MonthlyReportSettings monthly_report_settings(Poco::Data::Session& session) {
  store::SettingRepository settings(session);
  MonthlyReportSettings out;
  out.folder = settings.get(kFolder).value_or("");
  out.zone = settings.get(kZone).value_or("UTC");
  return out;
}

void save_monthly_report_settings(Poco::Data::Session& session, const MonthlyReportSettings& settings) {
  if (!settings.folder.empty() && !std::filesystem::path(settings.folder).is_absolute()) {
    throw Error(ErrorCode::invalid_input, "the report folder must be a full path", "folder");
  }
  if (!scheduling::is_known_zone(settings.zone)) {
    throw Error(ErrorCode::invalid_input, "unknown time zone '" + settings.zone + "'", "zone");
  }
  store::SettingRepository repository(session);
  repository.set(kFolder, settings.folder);
  repository.set(kZone, settings.zone);
}

std::vector<std::filesystem::path> write_monthly_report(store::Database& db, Timestamp now) {
  const auto [settings, last] = db.read([](Poco::Data::Session& session) {
    return std::pair{monthly_report_settings(session), store::SettingRepository(session).get(kLastWritten)};
  });
  if (settings.folder.empty()) return {};
  // A month is written a day after it ends, so its last posts have a day of figures.
  const auto a_day_ago =
      date::year_month_day{date::floor<date::days>(scheduling::to_local(now, settings.zone)) - date::days(1)};
  const auto ready = a_day_ago.year() / a_day_ago.month() - date::months(1);
  // Every month since the last one written (kanald may have been away), at most two years back.
  auto month = ready;
  if (last) {
    for (int back = 0; back < 24 && month_name(month - date::months(1)) > *last; ++back) month -= date::months(1);
    if (month_name(month) <= *last) return {};
  }
  std::vector<std::filesystem::path> written;
  for (; month <= ready; month += date::months(1)) {
    for (auto& file : write_month(db, settings, month)) written.push_back(std::move(file));
    const auto name = month_name(month);
    db.transact([&](Poco::Data::Session& session) { store::SettingRepository(session).set(kLastWritten, name); });
  }
  return written;
}

}  // namespace kanal::metrics
