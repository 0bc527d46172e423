#pragma once
// Who may do what on which account: GET /api/v1/accounts/{id}/permissions,
// and PUT (admins) with the whole list — [{"user_id", "capabilities":
// ["draft","publish","approve","answer","moderate"]}], empty to open the
// account to every role again. A change is an audit event with the list
// before and after.

#include "api/server/router.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::api {

void add_account_access_endpoints(Router& router, store::Database& db, const Clock& clock);

}  // namespace kanal::api
