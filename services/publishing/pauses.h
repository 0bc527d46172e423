#pragma once
// Lifting a crisis pause, in the caller's transaction. Nothing that fell
// due during the pause goes out in a burst: scheduled posts whose time
// passed, and scheduled posts already in the outbox that no network has
// been sent yet, are held for a person to publish now or reschedule. What a
// person published by hand ("Publish now") and attempts already under way
// before the pause go on.

#include <Poco/Data/Session.h>

#include <vector>

#include "core/domain.h"
#include "store/schedule_repository.h"

namespace kanal::publishing {

// Throws Error(not_found) when `pause_id` is not in force. Returns the
// posts now held, with their reason.
std::vector<store::ScheduleEntry> resume_pause(Poco::Data::Session& session, std::int64_t pause_id, UserId who,
                                               Timestamp at);

}  // namespace kanal::publishing
