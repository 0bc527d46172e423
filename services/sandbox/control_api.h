#pragma once
// /_sandbox/: what tests and trainers use to see and steer the sandbox.
//   GET  /_sandbox/requests        every request, in order
//   GET  /_sandbox/statuses        every status, deleted ones too
//   POST /_sandbox/faults          add a fault (see faults.h); DELETE clears them
//   POST /_sandbox/latency         {"ms": N} for every answer
//   POST /_sandbox/revoke-tokens   every access token stops working
//   POST /_sandbox/reset           forget statuses, media, notifications, reports and requests
//   POST /_sandbox/audience/advance {"minutes": N}: what N simulated minutes bring
//   GET  /_sandbox/moderation      mutes, blocks and reports the agency made
//   POST /_sandbox/withhold-counts {"counts": ["favourites_count"]}: the server stops giving them
//   GET  /_sandbox/secrets         every token and client secret issued

#include "api/server/router.h"
#include "sandbox/audience.h"
#include "sandbox/faults.h"
#include "sandbox/sandbox_state.h"

namespace kanal::sandbox {

void add_control_routes(api::Router& router, SandboxState& state, FaultPlan& faults, Audience& audience);

}  // namespace kanal::sandbox
