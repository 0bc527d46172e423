#pragma once
// What someone with write access to the database does to rewrite the trail:
// drop the triggers that refuse changes to audit events, change an event,
// and seal the chain again from there so that it verifies. Tests of what
// verify() and anchors catch start here.

#include <Poco/Data/Session.h>

#include <string>

#include "store/audit_repository.h"

namespace kanal::test {

inline void drop_audit_guards(Poco::Data::Session& session) {
  using namespace Poco::Data::Keywords;
  if (session.connector() == "sqlite") {
    for (const char* trigger : {"audit_events_sealed_stay", "audit_events_content_stays", "audit_events_stay",
                                "audit_events_come_unsealed"}) {
      session << "DROP TRIGGER IF EXISTS " + std::string(trigger), now;
    }
  } else {
    session << "DROP TRIGGER IF EXISTS audit_events_stay ON audit_events", now;
    session << "DROP TRIGGER IF EXISTS audit_events_not_truncated ON audit_events", now;
  }
}

// Gives event `seq` a new detail and seals every event from it on again,
// head included: the chain verifies, as a whole new one would.
inline void rebuild_chain_from(Poco::Data::Session& session, std::int64_t seq, const std::string& detail) {
  using namespace Poco::Data::Keywords;
  drop_audit_guards(session);
  auto events = store::AuditRepository(session).find(store::AuditQuery{});
  std::string prev = kAuditGenesis;
  for (auto& event : events) {
    if (event.seq < seq) {
      prev = event.hash;
      continue;
    }
    if (event.seq == seq) event.detail = detail;
    event.hash = store::audit_hash(event, prev);
    Poco::Int64 number = event.seq;
    session << "UPDATE audit_events SET detail = $1, prev_hash = $2, hash = $3 WHERE seq = $4", use(event.detail),
        use(prev), use(event.hash), use(number), now;
    prev = event.hash;
  }
  session << "UPDATE audit_head SET last_hash = $1 WHERE id = 1", use(prev), now;
}

}  // namespace kanal::test
