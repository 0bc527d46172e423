#pragma once
// What a person should hear of: what others did to the posts they wrote — a
// colleague's edit (and the approvals it voided), a deletion, an approval or
// a sending back, a post published, failed, held or waiting for a decision.
// Read from the audit trail, so nothing is kept twice and nothing is missed.

#include <Poco/Data/Session.h>

#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

struct Notice {
  std::int64_t id = 0;  // the audit event's: a cursor
  Timestamp at;
  std::string action;  // e.g. "post.edit", "post.approval_void"
  PostId post;
  std::string by;  // who did it ("" when kanald did, as when publishing)
};

// After event `after`, oldest first, at most `limit`.
std::vector<Notice> notices_for(Poco::Data::Session& session, UserId person, std::int64_t after, int limit);

}  // namespace kanal::store
