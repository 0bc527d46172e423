#include "store/audit_repository.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {

void AuditRepository::append(const AuditEvent& event) {
  Int64 at = to_unix_ms(event.at);
  Poco::Nullable<Int64> actor;
  if (event.actor) actor = event.actor->value;
  std::string action = event.action;
  std::string object_type = event.object_type;
  Int64 object_id = event.object_id;
  std::string detail = event.detail;
  session_ << "INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail) "
              "VALUES ($1, $2, $3, $4, $5, $6)",
      use(at), use(actor), use(action), use(object_type), use(object_id), use(detail), now;
}

std::vector<AuditEvent> AuditRepository::for_object(const std::string& object_type, std::int64_t object_id) {
  std::string type_key = object_type;
  Int64 id_key = object_id;
  std::vector<Int64> id, at, object;
  std::vector<Poco::Nullable<Int64>> actor;
  std::vector<std::string> action, type, detail;
  session_ << "SELECT id, at, actor_id, action, object_type, object_id, detail FROM audit_events "
              "WHERE object_type = $1 AND object_id = $2 ORDER BY id",
      into(id), into(at), into(actor), into(action), into(type), into(object), into(detail), use(type_key), use(id_key),
      now;
  std::vector<AuditEvent> events;
  for (std::size_t i = 0; i < id.size(); ++i) {
    AuditEvent event{id[i], from_unix_ms(at[i]), std::nullopt, action[i], type[i], object[i], detail[i]};
    if (!actor[i].isNull()) event.actor = UserId{actor[i].value()};
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace kanal::store
