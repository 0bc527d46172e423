#pragma once
// Putting a post in the outbox for accounts, inside the caller's
// transaction — what "Publish now" and the scheduler both do: each account
// exists, is connected and has its plugin; the post fits each network; the
// approvals the policy asks for are given for exactly this content and
// these accounts (workflow/approvals.h). Then one delivery per account with
// its own idempotency key, the post's state, and an audit event.

#include <Poco/Data/Session.h>

#include <string>
#include <vector>

#include "core/domain.h"
#include "networks/plugin_registry.h"
#include "workflow/policy.h"

namespace kanal::publishing {

// Throws kanal::Error (not_found, invalid_input naming the field,
// approval_required, forbidden, held_back by a pause or blackout) and
// queues nothing when any check fails. A scheduled post so queued is no
// longer waiting for its time.
void queue_for_publishing(Poco::Data::Session& session, networks::PluginRegistry& plugins,
                          const workflow::Policy& policy, PostId id, const std::vector<AccountId>& accounts,
                          std::optional<UserId> who, Timestamp at, const std::string& audit_detail);

}  // namespace kanal::publishing
