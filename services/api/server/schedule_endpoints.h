#pragma once
// Scheduling a post: PUT /api/v1/posts/{id}/schedule {"account_ids", "at":
// "2026-12-18T09:00", "zone": "Europe/Stockholm"} stores the moment (UTC,
// with the wall-clock time and zone) and says what approval the post still
// needs by then; GET shows it (with why it is held, if it is); DELETE
// cancels it. The scheduler (publishing/scheduler.h) does the rest.

#include <functional>

#include "api/server/policy_store.h"
#include "api/server/router.h"
#include "core/time.h"
#include "store/database.h"

namespace kanal::api {

void add_schedule_endpoints(Router& router, store::Database& db, PolicyStore& policies, const Clock& clock,
                            std::function<void()> wake_scheduler);

}  // namespace kanal::api
