#include "store/outbox_repository.h"

#include <Poco/Data/Statement.h>

#include <array>

#include "core/error.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

constexpr std::array<std::pair<DeliveryState, std::string_view>, 6> kStates{{
    {DeliveryState::pending, "pending"},
    {DeliveryState::in_flight, "in_flight"},
    {DeliveryState::unknown, "unknown"},
    {DeliveryState::undecided, "undecided"},
    {DeliveryState::published, "published"},
    {DeliveryState::failed, "failed"},
}};

}  // namespace

std::string_view to_string(DeliveryState state) {
  for (const auto& [value, name] : kStates) {
    if (value == state) return name;
  }
  return "pending";
}

std::optional<DeliveryState> parse_delivery_state(std::string_view text) {
  for (const auto& [value, name] : kStates) {
    if (name == text) return value;
  }
  return std::nullopt;
}

Delivery OutboxRepository::enqueue(PostId post, AccountId account, const std::string& idempotency_key,
                                   const std::string& content_hash, Timestamp when) {
  auto existing = select("WHERE post_id = $1 AND account_id = $2", {post.value, account.value});
  if (!existing.empty()) return existing.front();
  Int64 post_id = post.value;
  Int64 account_id = account.value;
  std::string key = idempotency_key;
  std::string state{to_string(DeliveryState::pending)};
  std::string hash = content_hash;
  Int64 at = to_unix_ms(when);
  session_ << "INSERT INTO outbox (post_id, account_id, idempotency_key, state, next_attempt_at, created_at, "
              "updated_at, content_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      use(post_id), use(account_id), use(key), use(state), use(at), bind(at), bind(at), use(hash), now;
  return select("WHERE post_id = $1 AND account_id = $2", {post.value, account.value}).front();
}

std::vector<Delivery> OutboxRepository::due(Timestamp when, int limit, const std::set<std::int64_t>& except) {
  std::string leave_out;
  for (const auto account : except) {
    leave_out += (leave_out.empty() ? " AND account_id NOT IN (" : ", ") + std::to_string(account);
  }
  if (!leave_out.empty()) leave_out += ")";
  return select("WHERE state IN ('pending', 'unknown') AND next_attempt_at <= $1" + leave_out +
                    " ORDER BY next_attempt_at, id LIMIT " + std::to_string(limit),
                {to_unix_ms(when)});
}

std::vector<Delivery> OutboxRepository::for_post(PostId post) {
  return select("WHERE post_id = $1 ORDER BY id", {post.value});
}

std::optional<Delivery> OutboxRepository::find(std::int64_t id) {
  auto rows = select("WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void OutboxRepository::update(const Delivery& delivery, Timestamp when) {
  std::string state{to_string(delivery.state)};
  Int64 attempts = delivery.attempts;
  Int64 next = to_unix_ms(delivery.next_attempt_at);
  std::string error = delivery.last_error;
  std::string network_id = delivery.network_id;
  std::string url = delivery.url;
  Int64 at = to_unix_ms(when);
  Int64 first_attempt = delivery.first_attempt_at ? to_unix_ms(*delivery.first_attempt_at) : -1;
  Int64 id = delivery.id;
  session_ << "UPDATE outbox SET state = $1, attempts = $2, next_attempt_at = $3, last_error = $4, network_id = $5, "
              "url = $6, updated_at = $7, first_attempt_at = NULLIF(CAST($8 AS BIGINT), -1) WHERE id = $9",
      use(state), use(attempts), use(next), use(error), use(network_id), use(url), use(at), use(first_attempt), use(id),
      now;
}

bool OutboxRepository::claim(const Delivery& delivery, Timestamp when, const std::string& owner,
                             Timestamp lease_until) {
  Int64 attempts = delivery.attempts;
  Int64 before = delivery.attempts - 1;
  Int64 at = to_unix_ms(when);
  Int64 id = delivery.id;
  std::string claimant = owner;
  Int64 lease = to_unix_ms(lease_until);
  Poco::Data::Statement claim(session_);
  claim << "UPDATE outbox SET state = 'in_flight', attempts = $1, updated_at = $2, "
           "first_attempt_at = COALESCE(first_attempt_at, $2), claimed_by = $3, lease_until = $4 "
           "WHERE id = $5 AND attempts = $6 AND state IN ('pending', 'unknown')",
      use(attempts), use(at), use(claimant), use(lease), use(id), use(before);
  return claim.execute() == 1;
}

void OutboxRepository::renew_leases(const std::string& owner, const std::set<std::int64_t>& ids,
                                    Timestamp lease_until) {
  if (ids.empty()) return;
  std::string list;
  for (const auto id : ids) list += (list.empty() ? "" : ", ") + std::to_string(id);
  std::string claimant = owner;
  Int64 lease = to_unix_ms(lease_until);
  session_ << "UPDATE outbox SET lease_until = $1 WHERE claimed_by = $2 AND state = 'in_flight' AND id IN (" + list +
                  ")",
      use(lease), use(claimant), now;
}

bool OutboxRepository::decide_published(std::int64_t id, const std::string& url, Timestamp when) {
  Int64 key = id;
  Int64 at = to_unix_ms(when);
  std::string address = url;
  Poco::Data::Statement decide(session_);
  decide << "UPDATE outbox SET state = 'published', url = $1, last_error = '', updated_at = $2 "
            "WHERE id = $3 AND state = 'undecided'",
      use(address), use(at), use(key);
  return decide.execute() == 1;
}

bool OutboxRepository::decide_publish_again(std::int64_t id, const std::string& new_key, Timestamp when) {
  Int64 key = id;
  Int64 at = to_unix_ms(when);
  std::string idempotency_key = new_key;
  Poco::Data::Statement decide(session_);
  decide << "UPDATE outbox SET state = 'pending', idempotency_key = $1, attempts = 0, first_attempt_at = NULL, "
            "last_error = '', next_attempt_at = $2, updated_at = $2 WHERE id = $3 AND state = 'undecided'",
      use(idempotency_key), use(at), use(key);
  return decide.execute() == 1;
}

std::size_t OutboxRepository::remove_untried(PostId post) {
  Int64 key = post.value;
  Poco::Data::Statement remove(session_);
  remove << "DELETE FROM outbox WHERE post_id = $1 AND state = 'pending' AND attempts = 0", use(key);
  return remove.execute();
}

void OutboxRepository::make_due_now(AccountId account, Timestamp when) {
  Int64 key = account.value;
  Int64 at = to_unix_ms(when);
  session_ << "UPDATE outbox SET next_attempt_at = $1 WHERE account_id = $2 AND state IN ('pending', 'unknown')",
      use(at), use(key), now;
}

int OutboxRepository::mark_in_flight_unknown(Timestamp when, const std::string& self, bool starting) {
  Int64 at = to_unix_ms(when);
  std::string owner = self;
  Int64 own_too = starting ? 1 : 0;
  Poco::Data::Statement statement(session_);
  statement
      << "UPDATE outbox SET state = 'unknown', next_attempt_at = $1, updated_at = $1, claimed_by = '' "
         "WHERE state = 'in_flight' AND ((claimed_by <> $2 AND lease_until < $1) OR (claimed_by = $2 AND $3 = 1))",
      use(at), use(owner), use(own_too);
  return static_cast<int>(statement.execute());
}

std::set<std::string> OutboxRepository::published_network_ids(AccountId account, std::int64_t except) {
  Int64 key = account.value;
  Int64 other = except;
  std::vector<std::string> ids;
  session_ << "SELECT network_id FROM outbox WHERE account_id = $1 AND id <> $2 AND state = 'published'", use(key),
      use(other), into(ids), now;
  return {ids.begin(), ids.end()};
}

std::vector<Delivery> OutboxRepository::select(const std::string& where_and_order, const std::vector<Int64>& keys) {
  std::vector<Int64> id, post, account, attempts, next, updated, first_attempt, lease;
  std::vector<std::string> key, state, error, network_id, url, hash, claimed_by;
  Poco::Data::Statement statement(session_);
  statement << "SELECT id, post_id, account_id, idempotency_key, state, attempts, next_attempt_at, last_error, "
               "network_id, url, updated_at, content_hash, COALESCE(first_attempt_at, -1), claimed_by, lease_until "
               "FROM outbox " +
                   where_and_order,
      into(id), into(post), into(account), into(key), into(state), into(attempts), into(next), into(error),
      into(network_id), into(url), into(updated), into(hash), into(first_attempt), into(claimed_by), into(lease);
  std::vector<Int64> values = keys;  // Poco binds by reference: keep them alive
  for (auto& value : values) statement, use(value);
  statement.execute();
  std::vector<Delivery> rows;
  for (std::size_t i = 0; i < id.size(); ++i) {
    rows.push_back(Delivery{id[i], PostId{post[i]}, AccountId{account[i]}, key[i],
                            parse_delivery_state(state[i]).value_or(DeliveryState::pending), attempts[i],
                            from_unix_ms(next[i]), error[i], network_id[i], url[i], from_unix_ms(updated[i]), hash[i],
                            first_attempt[i] < 0 ? std::nullopt : std::optional(from_unix_ms(first_attempt[i])),
                            claimed_by[i], from_unix_ms(lease[i])});
  }
  return rows;
}

}  // namespace kanal::store
