#pragma once
// Audit events: who did what, when, to which object. Appended in the same
// transaction as the change they record.

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

struct AuditEvent {
  std::int64_t id = 0;
  Timestamp at;
  std::optional<UserId> actor;
  std::string action;       // e.g. "post.create"
  std::string object_type;  // e.g. "post"
  std::int64_t object_id = 0;
  std::string detail;  // JSON with what changed
};

class AuditRepository {
 public:
  explicit AuditRepository(Poco::Data::Session& session) : session_(session) {}

  void append(const AuditEvent& event);
  std::vector<AuditEvent> for_object(const std::string& object_type, std::int64_t object_id);

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
