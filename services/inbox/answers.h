#pragma once
// An answer from the inbox goes out when it is cleared: at once when the
// approval policy asks no step, or with its last approval — on behalf of the
// person who wrote it, so nobody has to come back to send it.

#include <Poco/Data/Session.h>

#include <vector>

#include "core/domain.h"
#include "networks/plugin_registry.h"
#include "workflow/policy.h"

namespace kanal::inbox {

// Puts the approved `answer` in the outbox for `accounts`. False while a
// crisis pause or a blackout holds publishing back, or when its writer was
// disabled or moved to a role that does not publish since: the answer stays
// approved, for a person to publish afterwards. Other refusals throw
// (publishing/queue.h), and nothing is queued.
bool queue_answer(Poco::Data::Session& session, networks::PluginRegistry& plugins, const workflow::Policy& policy,
                  const Post& answer, const std::vector<AccountId>& accounts, Timestamp at);

}  // namespace kanal::inbox
