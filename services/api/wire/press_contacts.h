#pragma once
// /api/v1 shapes for press contacts:
//   GET    /press-contacts?q=anna&network=x&limit=20   → [contact…]
//   POST   /press-contacts           {name, organisation, role, notes, handles}  → 201 contact
//   PUT    /press-contacts/{id}      the same, replacing all of it              → 200 contact
//   DELETE /press-contacts/{id}                                                 → 204
//   POST   /press-contacts/import    text/csv → {added, updated, unchanged, faults: []}
//                                    (422: the faults, and nothing imported)
// A contact:
//   {"id": 4, "name": "Anna Svensson", "organisation": "Dagens Nyheter",
//    "role": "journalist", "notes": "", "handles": {"x": "@annasvensson",
//    "bluesky": "@anna.bsky.social"}, "created_at": "…", "updated_at": "…"}
// handles: by network id, each as written on that network (the @ may be left
// out in a request).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/wire/import_faults.h"
#include "contacts/press_contact.h"

namespace kanal::wire {

constexpr std::int64_t kDefaultPressContacts = 20;
constexpr std::int64_t kMostPressContacts = 200;

std::string to_json(const contacts::PressContact& contact);
std::string to_json(const std::vector<contacts::PressContact>& contacts);
contacts::PressContact parse_press_contact(std::string_view body);
std::vector<contacts::PressContact> parse_press_contacts(std::string_view body);

// What GET /press-contacts is asked (the client builds the query string).
struct PressContactQuery {
  std::string text;     // q: beginnings of words of the name or organisation, or of a handle
  std::string network;  // only contacts with a handle on this network
  std::int64_t limit = kDefaultPressContacts;
};

// POST and PUT: the whole contact but its id and times. A PUT replaces
// everything: a member left out is empty (role: other).
struct PressContactRequest {
  std::string name;
  std::string organisation;
  contacts::PressRole role = contacts::PressRole::other;
  std::string notes;
  std::vector<contacts::NetworkHandle> handles;
};
std::string to_json(const PressContactRequest& request);
PressContactRequest parse_press_contact_request(std::string_view body);

struct PressImportResult {
  std::int64_t added = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::vector<ImportFault> faults;  // any: nothing was imported
};
std::string to_json(const PressImportResult& result);
PressImportResult parse_press_import_result(std::string_view body);

}  // namespace kanal::wire
