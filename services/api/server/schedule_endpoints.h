#pragma once
// Scheduling posts:
//   PUT    /api/v1/posts/{id}/schedule  {"account_ids", "at": "2026-12-18T09:00", "zone": "Europe/Stockholm"}
//   GET    /api/v1/posts/{id}/schedule  (with why it is held, if it is)
//   DELETE /api/v1/posts/{id}/schedule
//   POST   /api/v1/posts/{id}/queue     the next free queue slot of the accounts
//   POST   /api/v1/posts/{id}/series    the post repeated by a rule (daily, weekly,
//                                       monthly, payment day by the workspace's holiday
//                                       calendars), a copy for each time
//   GET/PUT /api/v1/accounts/{id}/slots an account's weekly queue slots
// Each answer says what approval the post still needs by then and whether
// its time falls in a blackout window. The scheduler
// (publishing/scheduler.h) does the rest.

#include <functional>

#include "api/server/holiday_endpoints.h"
#include "api/server/router.h"
#include "core/time.h"
#include "settings/workspace_settings.h"
#include "store/database.h"

namespace kanal::api {

void add_schedule_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents,
                            const HolidayCalendars& calendars, const Clock& clock,
                            std::function<void()> wake_scheduler);

}  // namespace kanal::api
