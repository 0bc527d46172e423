// kanalctl report --from D --to D [--accounts ID,…] [--segment S] [--zone Z] --pdf FILE | --csv FILE
#include <fstream>
#include <iostream>

#include "api/wire/analytics.h"
#include "cli/command_support.h"
#include "core/error.h"
#include "reports/report_csv.h"
#include "reports/report_pdf.h"

namespace kanal::cli {

int run_report_command(const Arguments& args, std::ostream& out) {
  const auto option = [&](const char* name) {
    const auto it = args.options.find(name);
    return it == args.options.end() ? std::optional<std::string>() : it->second;
  };
  const auto from = option("from"), to = option("to"), pdf = option("pdf"), csv = option("csv");
  if (!from || !to) throw UsageError("report needs --from DAY and --to DAY (days inclusive)");
  if (!pdf && !csv && !args.json) throw UsageError("report needs --pdf FILE and/or --csv FILE (or --json)");
  wire::AnalyticsQuery query;
  query.from = *parse_iso8601(time_parameter(*from, false));
  query.to = *parse_iso8601(time_parameter(*to, true));
  if (query.to <= query.from) throw UsageError("--to is before --from");
  if (auto accounts = option("accounts")) {
    for (const auto id : parse_id_list(*accounts)) query.accounts.push_back(AccountId{id});
  }
  query.segment = option("segment").value_or("");
  query.zone = option("zone").value_or("UTC");

  client::ApiClient api(endpoint_for(args), 1, std::chrono::seconds(120));
  const auto report = api.analytics(query).get();
  if (args.json) out << wire::to_json(report) << "\n";
  const auto period = *from + " – " + *to;
  if (pdf) {
    reports::write_pdf(report, "Social media report " + period, *pdf);
    if (!args.json) out << "Wrote the report for " << period << " to " << *pdf << "\n";
  }
  if (csv) {
    std::ofstream file(*csv, std::ios::binary | std::ios::trunc);
    file << reports::to_csv(report);
    file.close();
    if (!file) throw Error(ErrorCode::unavailable, "cannot write " + *csv);
    if (!args.json) out << "Wrote the figures for " << period << " to " << *csv << "\n";
  }
  return 0;
}

}  // namespace kanal::cli
