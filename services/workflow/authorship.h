#pragma once
// Whose post it is: its author changes or deletes it; anyone else needs the
// edit_others permission (a line manager, a director, an admin), so nobody
// rewrites a colleague's draft, or voids its approvals, unseen. Such a change
// is on the record and reaches the author (GET /api/v1/me/notices).

#include <Poco/Data/Session.h>

#include "core/domain.h"

namespace kanal::workflow {

// Throws kanal::Error(forbidden) naming the author when `who` may not.
void require_may_change(Poco::Data::Session& session, const Post& post, UserId who, Role role);

}  // namespace kanal::workflow
