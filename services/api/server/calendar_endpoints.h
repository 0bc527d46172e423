#pragma once
// The schedule as a whole:
//   GET  /api/v1/schedule?from=…&to=…        what the calendar shows (RFC 3339 bounds)
//   GET  /api/v1/schedule/ical?from=…&to=…   the same as iCalendar, for staff's own calendars
//   POST /api/v1/schedule/import             a CSV file of posts (schedule_import.h):
//                                            all rows checked first; 422 with every
//                                            fault and nothing imported, or all of them

#include "api/server/policy_store.h"
#include "api/server/router.h"
#include "api/server/text_endpoints.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::api {

void add_calendar_endpoints(Router& router, store::Database& db, PolicyStore& policies, const WorkspaceText* workspace,
                            const Clock& clock);

}  // namespace kanal::api
