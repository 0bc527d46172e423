#pragma once
// The schedule as a whole:
//   GET  /api/v1/schedule?from=…&to=…        what the calendar shows (RFC 3339 bounds)
//   GET  /api/v1/schedule/ical?from=…&to=…   the same as iCalendar, for staff's own calendars
//   POST /api/v1/schedule/import             a CSV file of posts (schedule_import.h):
//                                            all rows checked first; 422 with every
//                                            fault and nothing imported, or all of them

#include "api/server/router.h"
#include "core/time.h"
#include "settings/workspace_settings.h"
#include "store/database.h"

namespace kanal::api {

void add_calendar_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents,
                            const Clock& clock);

}  // namespace kanal::api
