#pragma once
// What someone with write access to the database does first to rewrite the
// trail: drop the triggers that refuse changes to audit events. Tests of
// what verify() and anchors catch start here.

#include <Poco/Data/Session.h>

namespace kanal::test {

inline void drop_audit_guards(Poco::Data::Session& session) {
  using namespace Poco::Data::Keywords;
  if (session.connector() == "sqlite") {
    for (const char* trigger : {"audit_events_sealed_stay", "audit_events_content_stays", "audit_events_stay"}) {
      session << "DROP TRIGGER IF EXISTS " + std::string(trigger), now;
    }
  } else {
    session << "DROP TRIGGER IF EXISTS audit_events_stay ON audit_events", now;
    session << "DROP TRIGGER IF EXISTS audit_events_not_truncated ON audit_events", now;
  }
}

}  // namespace kanal::test
