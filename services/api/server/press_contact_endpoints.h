#pragma once
// The workspace's press contacts (api/wire/press_contacts.h has the shapes):
//   GET    /api/v1/press-contacts?q=&network=&limit=   anyone signed in
//   POST   /api/v1/press-contacts                      admins
//   PUT    /api/v1/press-contacts/{id}                 admins
//   DELETE /api/v1/press-contacts/{id}                 admins
//   POST   /api/v1/press-contacts/import  (text/csv)   admins; all rows or none
// Handles are checked against the mention style of their network's plugin;
// a network no installed plugin knows is refused. Every change is audited
// (press_contact.create, .update, .delete) with the contact's content.

#include "api/server/router.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::networks {
class PluginRegistry;
}

namespace kanal::api {

constexpr std::size_t kMostPressImportBytes = 2 * 1024 * 1024;

void add_press_contact_endpoints(Router& router, store::Database& db, const networks::PluginRegistry& plugins,
                                 const Clock& clock);

}  // namespace kanal::api
