// kanalctl report --from D --to D [--accounts ID,…] [--segment S] [--zone Z] --pdf FILE | --csv FILE
// (days in --zone, UTC unless said)
#include <date/date.h>

#include <iostream>
#include <sstream>

#include "api/wire/analytics.h"
#include "cli/command_support.h"
#include "core/error.h"
#include "reports/report_csv.h"
#include "reports/report_pdf.h"
#include "scheduling/wall_clock.h"

namespace kanal::cli {
namespace {

// A day ("2026-11-01": its start in `zone`, or the next day's start for the
// end of a period, so days are inclusive) or a full RFC 3339 time.
Timestamp day_or_time(const std::string& text, const std::string& zone, bool end_of_day) {
  date::year_month_day day{};
  std::istringstream in(text);
  in >> date::parse("%F", day);
  if (text.size() == 10 && in && day.ok()) {
    const auto start = date::local_days{day} + date::days(end_of_day ? 1 : 0);
    return scheduling::to_utc(scheduling::LocalTime{start}, zone);
  }
  return *parse_iso8601(time_parameter(text, end_of_day));
}

}  // namespace

int run_report_command(const Arguments& args, std::ostream& out) {
  const auto option = [&](const char* name) {
    const auto it = args.options.find(name);
    return it == args.options.end() ? std::optional<std::string>() : it->second;
  };
  const auto from = option("from"), to = option("to"), pdf = option("pdf"), csv = option("csv");
  if (!from || !to) throw UsageError("report needs --from DAY and --to DAY (days inclusive)");
  if (!pdf && !csv && !args.json) throw UsageError("report needs --pdf FILE and/or --csv FILE (or --json)");
  wire::AnalyticsQuery query;
  query.zone = option("zone").value_or("UTC");
  if (!scheduling::is_known_zone(query.zone)) throw UsageError("unknown time zone '" + query.zone + "'");
  query.from = day_or_time(*from, query.zone, false);
  query.to = day_or_time(*to, query.zone, true);
  if (query.to <= query.from) throw UsageError("--to is before --from");
  if (auto accounts = option("accounts")) {
    for (const auto id : parse_id_list(*accounts)) query.accounts.push_back(AccountId{id});
  }
  query.segment = option("segment").value_or("");

  client::ApiClient api(endpoint_for(args), 1, std::chrono::seconds(120));
  const auto report = api.analytics(query).get();
  if (args.json) out << wire::to_json(report) << "\n";
  const auto period = *from + " – " + *to;
  if (pdf) {
    reports::write_pdf(report, "Social media report " + period, *pdf);
    if (!args.json) out << "Wrote the report for " << period << " to " << *pdf << "\n";
  }
  if (csv) {
    reports::write_csv(report, *csv);
    if (!args.json) out << "Wrote the figures for " << period << " to " << *csv << "\n";
  }
  return 0;
}

}  // namespace kanal::cli
