#pragma once
// Audit events: who did what, when, to which object, and why. Appended in
// the same transaction as the change they record, and sealed into a hash
// chain: each event carries the SHA-256 of its content and of the event
// before it, so changing, removing or reordering one breaks the chain at
// that place (verify() finds it).

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

  // Appends and seals the event (and any left unsealed before the chain existed).
  void append(const AuditEvent& event);
  // Seals every event without a seal, in id order; returns how many.
  std::int64_t seal_pending();
  std::vector<AuditEvent> for_object(const std::string& object_type, std::int64_t object_id);
  std::vector<AuditEvent> find(const AuditQuery& query);
  AuditChainCheck verify();

 private:
  Poco::Data::Session& session_;
};

// The SHA-256 that seals `event` after `prev_hash` (the event's seq included).
std::string audit_hash(const AuditEvent& event, const std::string& prev_hash);

}  // namespace kanal::store
