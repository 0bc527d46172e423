#include "store/audit_repository.h"

#include <Poco/Data/Statement.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "store/sha256.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, at, actor_id, action, object_type, object_id, detail, seq, prev_hash, hash FROM audit_events ";

struct Rows {
  std::vector<Int64> id, at, object;
  std::vector<Poco::Nullable<Int64>> actor, seq;
  std::vector<std::string> action, type, detail;
  std::vector<Poco::Nullable<std::string>> prev, hash;

  void bind(Poco::Data::Statement& statement) {
    statement, into(id), into(at), into(actor), into(action), into(type), into(object), into(detail), into(seq),
        into(prev), into(hash);
  }

  std::vector<AuditEvent> events() const {
    std::vector<AuditEvent> out;
    for (std::size_t i = 0; i < id.size(); ++i) {
      AuditEvent event{id[i], from_unix_ms(at[i]), std::nullopt, action[i], type[i], object[i], detail[i], 0, {}, {}};
      if (!actor[i].isNull()) event.actor = UserId{actor[i].value()};
      if (!seq[i].isNull()) event.seq = seq[i].value();
      if (!prev[i].isNull()) event.prev_hash = prev[i].value();
      if (!hash[i].isNull()) event.hash = hash[i].value();
      out.push_back(std::move(event));
    }
    return out;
  }
};

}  // namespace

std::string audit_hash(const AuditEvent& event, const std::string& prev_hash) {
  // A JSON array is an unambiguous encoding of the fields, in a fixed order.
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartArray();
  w.Int64(event.seq);
  w.Int64(event.id);
  w.Int64(to_unix_ms(event.at));
  if (event.actor) {
    w.Int64(event.actor->value);
  } else {
    w.Null();
  }
  w.String(event.action.c_str(), static_cast<rapidjson::SizeType>(event.action.size()));
  w.String(event.object_type.c_str(), static_cast<rapidjson::SizeType>(event.object_type.size()));
  w.Int64(event.object_id);
  w.String(event.detail.c_str(), static_cast<rapidjson::SizeType>(event.detail.size()));
  w.String(prev_hash.c_str(), static_cast<rapidjson::SizeType>(prev_hash.size()));
  w.EndArray();
  return sha256_hex(std::string_view(buffer.GetString(), buffer.GetSize()));
}

namespace {

struct Head {
  Int64 seq = 0;
  std::string hash;
  Int64 at_ms = 0;  // the last event's time
};

// The chain's end, locked for this transaction: updating it first takes its
// row lock, so concurrent writers (team mode) seal one after the other,
// never both after the same event.
Head lock_head(Poco::Data::Session& session) {
  session << "UPDATE audit_head SET last_seq = last_seq WHERE id = 1", now;
  Head head;
  session << "SELECT last_seq, last_hash FROM audit_head WHERE id = 1", into(head.seq), into(head.hash), now;
  if (head.seq > 0) {
    session << "SELECT at FROM audit_events WHERE seq = $1", into(head.at_ms), use(head.seq), now;
  }
  return head;
}

// Seals `event` (stored, unsealed, with its id) as the head's next.
void seal(Poco::Data::Session& session, AuditEvent event, Head& head) {
  event.seq = ++head.seq;
  const std::string hash = audit_hash(event, head.hash);
  Int64 seq = event.seq;
  Int64 id = event.id;
  session << "UPDATE audit_events SET seq = $1, prev_hash = $2, hash = $3 WHERE id = $4 AND seq IS NULL", use(seq),
      use(head.hash), bind(hash), use(id), now;
  head.hash = hash;
  head.at_ms = to_unix_ms(event.at);
  session << "UPDATE audit_head SET last_seq = $1, last_hash = $2 WHERE id = 1", use(head.seq), use(head.hash), now;
}

}  // namespace

void AuditRepository::append(const AuditEvent& event) {
  auto head = lock_head(session_);
  AuditEvent stored = event;
  if (to_unix_ms(stored.at) < head.at_ms) stored.at = from_unix_ms(head.at_ms);
  Int64 at = to_unix_ms(stored.at);
  Poco::Nullable<Int64> actor;
  if (stored.actor) actor = stored.actor->value;
  Int64 id = 0;
  session_ << "INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail) "
              "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      into(id), use(at), use(actor), use(stored.action), use(stored.object_type), use(stored.object_id),
      use(stored.detail), now;
  stored.id = id;
  seal(session_, std::move(stored), head);
}

std::int64_t seal_events_before_the_chain(Poco::Data::Session& session) {
  auto head = lock_head(session);
  Rows rows;
  Poco::Data::Statement select(session);
  select << std::string(kColumns) + "WHERE seq IS NULL ORDER BY id";
  rows.bind(select);
  select.execute();
  std::int64_t sealed = 0;
  for (auto& event : rows.events()) {
    seal(session, std::move(event), head);
    ++sealed;
  }
  return sealed;
}

std::vector<AuditEvent> AuditRepository::for_object(const std::string& object_type, std::int64_t object_id) {
  AuditQuery query;
  query.object_type = object_type;
  query.object_id = object_id;
  query.limit = 100'000;
  return find(query);
}

namespace {

// What a query asks for, but paging: its WHERE clause and the values it binds, in order.
class Filter {
 public:
  explicit Filter(const AuditQuery& query)
      : query_(query),
        from_(query.from ? to_unix_ms(*query.from) : 0),
        to_(query.to ? to_unix_ms(*query.to) : 0),
        actor_(query.actor ? query.actor->value : 0),
        action_(query.action + "%"),
        type_(query.object_type),
        object_(query.object_id.value_or(0)) {}

  std::string where(int& placeholder) const {
    auto next = [&] { return " $" + std::to_string(++placeholder); };
    std::string sql = "WHERE 1 = 1";
    if (query_.from) sql += " AND at >=" + next();
    if (query_.to) sql += " AND at <" + next();
    if (query_.actor) sql += " AND actor_id =" + next();
    if (!query_.action.empty()) sql += " AND action LIKE" + next();
    if (!query_.object_type.empty()) sql += " AND object_type =" + next();
    if (query_.object_id) sql += " AND object_id =" + next();
    return sql;
  }

  void bind(Poco::Data::Statement& statement) {
    if (query_.from) statement, use(from_);
    if (query_.to) statement, use(to_);
    if (query_.actor) statement, use(actor_);
    if (!query_.action.empty()) statement, use(action_);
    if (!query_.object_type.empty()) statement, use(type_);
    if (query_.object_id) statement, use(object_);
  }

 private:
  const AuditQuery& query_;
  Int64 from_, to_, actor_;
  std::string action_, type_;
  Int64 object_;
};

}  // namespace

std::vector<AuditEvent> AuditRepository::find(const AuditQuery& query) {
  Filter filter(query);
  int placeholder = 0;
  std::string sql = std::string(kColumns) + filter.where(placeholder);
  if (query.after_seq) sql += " AND seq > $" + std::to_string(++placeholder);
  if (!query.hidden.empty()) sql += " AND NOT (" + query.hidden + ")";
  sql += " ORDER BY seq, id LIMIT $" + std::to_string(++placeholder);
  Int64 after = query.after_seq.value_or(0);
  Int64 limit = std::max(1, query.limit);
  Poco::Data::Statement select(session_);
  select << sql;
  filter.bind(select);
  if (query.after_seq) select, use(after);
  select, use(limit);
  Rows rows;
  rows.bind(select);
  select.execute();
  return rows.events();
}

std::int64_t AuditRepository::count_withheld(const AuditQuery& query) {
  if (query.hidden.empty()) return 0;
  Filter filter(query);
  int placeholder = 0;
  Int64 count = 0;
  Poco::Data::Statement select(session_);
  select << "SELECT COUNT(*) FROM audit_events " + filter.where(placeholder) + " AND (" + query.hidden + ")";
  filter.bind(select);
  select, into(count);
  select.execute();
  return count;
}

AuditChainCheck AuditRepository::verify(AuditEvent* last) {
  AuditChainCheck check;
  Int64 ordered_from = 1;
  session_ << "SELECT ordered_from FROM audit_head WHERE id = 1", into(ordered_from), now;
  Rows rows;
  Poco::Data::Statement select(session_);
  select << std::string(kColumns) + "ORDER BY seq, id";
  rows.bind(select);
  select.execute();
  std::string expected_prev = kAuditGenesis;
  std::int64_t expected_seq = 1;
  Timestamp last_at{};
  const auto broken = [&](const AuditEvent& event, std::string reason) {
    check.intact = false;
    check.broken_id = event.id;
    check.broken_seq = event.seq;
    check.reason = std::move(reason);
  };
  for (const auto& event : rows.events()) {
    ++check.events;
    if (event.seq == 0 || event.hash.empty()) {
      broken(event, "a row (id " + std::to_string(event.id) +
                        ") is not sealed into the chain: it was written behind kanald's back");
    } else if (event.seq != expected_seq) {
      broken(event, "the chain jumps from event " + std::to_string(expected_seq - 1) + " to " +
                        std::to_string(event.seq) + ": an event is missing");
    } else if (event.prev_hash != expected_prev) {
      broken(event, "event " + std::to_string(event.seq) + " does not follow the one before it");
    } else if (audit_hash(event, event.prev_hash) != event.hash) {
      broken(event, "event " + std::to_string(event.seq) + " was changed after it was recorded");
    } else if (event.at < last_at && event.seq >= ordered_from) {
      broken(event, "event " + std::to_string(event.seq) + " is dated before the one before it: time went back");
    }
    last_at = event.at;
    if (!check.intact) return check;
    expected_prev = event.hash;
    ++expected_seq;
    if (last) *last = event;
  }
  Int64 last_seq = 0;
  std::string last_hash;
  session_ << "SELECT last_seq, last_hash FROM audit_head WHERE id = 1", into(last_seq), into(last_hash), now;
  if (last_seq != expected_seq - 1 || last_hash != expected_prev) {
    check.intact = false;
    check.broken_seq = expected_seq;
    check.reason = "the chain ends at event " + std::to_string(expected_seq - 1) + " but " + std::to_string(last_seq) +
                   " were recorded: the last events are missing";
  }
  return check;
}

}  // namespace kanal::store
