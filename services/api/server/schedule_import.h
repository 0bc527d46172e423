#pragma once
// Reading a CSV file of posts to schedule, every row checked before any is
// imported. Columns (a header row names them, in any order):
//   date, time, zone   when, on the clock of an IANA zone ("2027-01-23", "09:00", "Europe/Stockholm")
//   accounts           account ids or handles, separated by spaces or "|"
//   text               the post's text, or instead:
//   template, segment  a template of the workspace, for an audience segment,
//   field:NAME         … filled in with these fields
//   language           "sv", "en", … (needed with a template)
// Faults name the line (1 is the header) and the column.

#include <string>
#include <string_view>
#include <vector>

#include "api/wire/schedule.h"
#include "core/domain.h"
#include "scheduling/wall_clock.h"
#include "text/templates.h"

namespace kanal::api {

struct ImportRow {
  int line = 0;
  std::string text;
  PostOrigin origin;
  std::string language;
  std::vector<AccountId> accounts;
  scheduling::LocalTime at;
  std::string zone;
};

struct ImportPlan {
  std::vector<ImportRow> rows;
  std::vector<wire::ImportFault> faults;  // none: every row may be imported
};

// `now` refuses rows whose time has passed.
ImportPlan plan_import(std::string_view csv, const std::vector<Account>& accounts, const text::Catalog& catalog,
                       Timestamp now);

}  // namespace kanal::api
