#pragma once
// Publishing a post now: POST /api/v1/posts/{id}/publish {"account_ids":[…]}
// queues one delivery per account (each with its own idempotency key) and
// wakes the publisher; GET /api/v1/posts/{id}/deliveries shows how each goes.

#include <functional>

#include "api/server/router.h"
#include "store/database.h"

namespace kanal::api {

void add_publish_endpoints(Router& router, store::Database& db, const Clock& clock, std::function<void()> wake);

}  // namespace kanal::api
