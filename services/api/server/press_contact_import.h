#pragma once
// Reading a CSV file of press contacts, every row checked before any is
// imported. Columns (a header row names them, in any order and case):
//   name                       required
//   organisation               (or organization)
//   role                       journalist, editor, politician or other (empty: other)
//   notes
//   x, bluesky, mastodon, …    one per installed network, by its id: the handle there
// A row is matched to a contact by name and organisation (case and spacing
// aside, contacts/contact_rules.h) and updates it, or adds one: importing
// the same file again changes nothing. A column the file does not have
// leaves that part of a matched contact as it was; an empty cell empties it
// (an empty handle: none on that network any more). Contacts the file does
// not name stay. Faults name the line (1 is the header) and the column.

#include <optional>
#include <string_view>
#include <vector>

#include "api/wire/import_faults.h"
#include "contacts/contact_rules.h"

namespace kanal::api {

constexpr std::size_t kMostImportedContacts = 5000;

struct PlannedContact {
  int line = 0;
  contacts::PressContact contact;                // as it will be stored (an update has its id)
  std::optional<contacts::PressContact> before;  // the contact it updates
};

struct PressImportPlan {
  std::vector<PlannedContact> added;
  std::vector<PlannedContact> updated;
  std::int64_t unchanged = 0;
  std::vector<wire::ImportFault> faults;  // any: nothing may be imported (added and updated are empty)
};

PressImportPlan plan_press_import(std::string_view csv, const std::vector<contacts::PressContact>& existing,
                                  const contacts::NetworkStyles& networks);

}  // namespace kanal::api
