// The CSV files people import: posts to schedule and press contacts, and the
// CSV reader under both. Every row is checked before any is imported, so a
// plan with no faults must hold only rows that can be imported.
#include "api/server/press_contact_import.h"
#include "api/server/schedule_import.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "fuzz_support.h"

using namespace kanal;

namespace {

std::vector<Account> accounts() {
  std::vector<Account> found(2);
  found[0].id = AccountId{1};
  found[0].network = "mastodon";
  found[0].handle = "@agency@social.example";
  found[1].id = AccountId{2};
  found[1].network = "bluesky";
  found[1].handle = "@agency.example";
  return found;
}

const contacts::NetworkStyles kNetworks{
    {"mastodon", MentionStyle::at_name_host}, {"bluesky", MentionStyle::at_domain}, {"x", MentionStyle::at_name}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [which, csv_text] = fuzz::choose(data, size, 3);
  fuzz::refused_or_read([&, which = which, csv_text = csv_text] {
    if (which == 0) {
      int last_line = 0;
      for (const auto& row : csv::parse(csv_text)) {
        if (row.line <= last_line) fuzz::broken("rows out of line order");
        last_line = row.line;
      }
    } else if (which == 1) {
      static const auto known = accounts();
      const auto plan = api::plan_import(csv_text, known, text::default_catalog(), from_unix_ms(1'796'000'000'000));
      if (plan.faults.empty()) {
        for (const auto& row : plan.rows) {
          if (row.accounts.empty()) fuzz::broken("a row to import names no account");
          if (row.text.empty()) fuzz::broken("a row to import has no text");
          if (!utf8::is_valid(row.text)) fuzz::broken("a row to import is not UTF-8");
        }
      }
    } else {
      const auto plan = api::plan_press_import(csv_text, {}, kNetworks);
      if (!plan.faults.empty() && (!plan.added.empty() || !plan.updated.empty()))
        fuzz::broken("a plan with faults would import something");
      for (const auto& planned : plan.added) {
        if (planned.contact.name.empty()) fuzz::broken("a contact without a name");
      }
    }
  });
  return 0;
}
