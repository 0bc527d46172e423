#pragma once
// A person's answer where the network could not tell whether an attempt was
// published (an `undecided` delivery): they looked at the account, and the
// post is there — recorded as published — or it is not, and it goes again
// under a new idempotency key (still checked at every attempt against the
// approvals, pauses and the account's state). Audited; the post's state
// follows.

#include <Poco/Data/Session.h>

#include <string>

#include "core/domain.h"

namespace kanal::publishing {

enum class DeliveryDecision { it_is_published, publish_again };

// Throws kanal::Error: not_found (no delivery of the post to the account),
// stale_version (it is not waiting for a decision, or no longer).
void decide_delivery(Poco::Data::Session& session, PostId post, AccountId account, DeliveryDecision decision,
                     const std::string& url, UserId who, Timestamp at);

}  // namespace kanal::publishing
