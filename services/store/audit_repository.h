#pragma once
// Audit events: who did what, when, to which object, and why. Appended in
// the same transaction as the change they record, and sealed into a hash
// chain as they are written: each event carries the SHA-256 of its content
// and of the event before it, so changing, removing or reordering one breaks
// the chain at that place (verify() finds it). Only the event append() wrote
// is sealed: a row inserted behind kanald's back stays unsealed, and
// verify() reports it. The database itself refuses to change or delete a
// sealed event (triggers, migration 15); whoever drops those and rebuilds
// the chain is caught by a signed anchor (audit_anchor.h).

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

struct AuditQuery {
  std::optional<Timestamp> from;  // at >= from
  std::optional<Timestamp> to;    // at < to
  std::optional<UserId> actor;
  std::string action;  // prefix, e.g. "post." ("" for any)
  std::string object_type;
  std::optional<std::int64_t> object_id;
  std::optional<std::int64_t> after_seq;  // paging
  int limit = 1000;
  std::string hidden;  // left out: Viewer::hidden_events_sql() of the viewer ("" for none)
};

class AuditRepository {
 public:
  explicit AuditRepository(Poco::Data::Session& session) : session_(session) {}

  // Appends and seals the event. Its time never goes back: an event dated
  // before the last one (a clock set back, another server's skew) is
  // recorded at the last one's time.
  void append(const AuditEvent& event);
  std::vector<AuditEvent> for_object(const std::string& object_type, std::int64_t object_id);
  std::vector<AuditEvent> find(const AuditQuery& query);
  // How many events the query's filters hold that query.hidden leaves out
  // (a records export says so, rather than look complete).
  std::int64_t count_withheld(const AuditQuery& query);
  // Walks the chain; `last`, when given, gets the last event it found sound.
  AuditChainCheck verify(AuditEvent* last = nullptr);

 private:
  Poco::Data::Session& session_;
};

// Migration 6 only: seals, in id order, the events recorded before the
// chain existed; returns how many.
std::int64_t seal_events_before_the_chain(Poco::Data::Session& session);

// The SHA-256 that seals `event` after `prev_hash` (the event's seq included).
std::string audit_hash(const AuditEvent& event, const std::string& prev_hash);

}  // namespace kanal::store
