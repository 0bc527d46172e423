#pragma once
// Holding publishing back:
//   GET    /api/v1/publishing/status        pauses in force and posts held, for every desktop's banner
//   POST   /api/v1/pauses                   a crisis pause (reason required; all accounts or some);
//                                           answered once nothing more is on its way to those networks
//   POST   /api/v1/pauses/{id}/resume       lifts it; what became overdue meanwhile is held and listed,
//                                           for a person to publish or reschedule (publishing/pauses.h)
//   GET/POST /api/v1/blackouts, DELETE /api/v1/blackouts/{id}   blackout windows
//   GET/PUT /api/v1/settings/publishing     how late a post may still go after downtime
//   POST   /api/v1/test-clock               moves kanald's clock (only under --test-clock)

#include <functional>

#include "api/server/router.h"
#include "core/time.h"
#include "store/database.h"
#include "store/pause_repository.h"

namespace kanal::api {

struct PublishingControlHooks {
  // Waits until nothing more is on its way to the accounts the pause holds; false if time ran out.
  std::function<bool(const store::Pause&)> wait_until_quiet;
  std::function<void()> wake;  // the scheduler and publisher: something may now go
};

void add_publishing_control_endpoints(Router& router, store::Database& db, const Clock& clock,
                                      PublishingControlHooks hooks);

// Only for kanald --test-clock.
void add_test_clock_endpoint(Router& router, AdjustableClock& clock, std::function<void()> wake);

}  // namespace kanal::api
