#include "store/schedule_repository.h"

#include <Poco/Data/Statement.h>

#include "store/comma_list.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

constexpr std::pair<ScheduleState, std::string_view> kStates[] = {{ScheduleState::scheduled, "scheduled"},
                                                                  {ScheduleState::queued, "queued"},
                                                                  {ScheduleState::held, "held"},
                                                                  {ScheduleState::cancelled, "cancelled"},
                                                                  {ScheduleState::published_now, "published_now"}};

ScheduleState state_named(const std::string& name) {
  for (const auto& [state, text] : kStates) {
    if (text == name) return state;
  }
  return ScheduleState::cancelled;
}

}  // namespace

std::string_view to_string(ScheduleState state) {
  for (const auto& [value, text] : kStates) {
    if (value == state) return text;
  }
  return "cancelled";
}

void ScheduleRepository::put(const ScheduleEntry& entry) {
  Int64 post = entry.post.value;
  std::string accounts = comma_list(entry.accounts);
  Int64 due = to_unix_ms(entry.due_at);
  std::string wall_clock = entry.wall_clock;
  std::string zone = entry.zone;
  std::string state{to_string(entry.state)};
  std::string reason = entry.reason;
  Int64 by = entry.scheduled_by.value;
  Int64 at = to_unix_ms(entry.updated_at);
  std::string series = entry.series;
  session_ << "DELETE FROM schedules WHERE post_id = $1", use(post), now;
  session_ << "INSERT INTO schedules (post_id, account_ids, due_at, wall_clock, zone, state, reason, scheduled_by, "
              "updated_at, series) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      use(post), use(accounts), use(due), use(wall_clock), use(zone), use(state), use(reason), use(by), use(at),
      use(series), now;
}

std::vector<ScheduleEntry> ScheduleRepository::select(const std::string& where_and_order,
                                                      const std::vector<Int64>& keys) {
  std::vector<Int64> post, due, by, at;
  std::vector<std::string> accounts, wall_clock, zone, state, reason, series;
  Poco::Data::Statement statement(session_);
  statement << "SELECT post_id, account_ids, due_at, wall_clock, zone, state, reason, scheduled_by, updated_at, series "
               "FROM schedules" +
                   (where_and_order.empty() ? std::string() : " WHERE " + where_and_order),
      into(post), into(accounts), into(due), into(wall_clock), into(zone), into(state), into(reason), into(by),
      into(at), into(series);
  std::vector<Int64> values = keys;  // Poco binds by reference: keep them alive
  for (auto& value : values) statement, use(value);
  statement.execute();
  std::vector<ScheduleEntry> entries;
  for (std::size_t i = 0; i < post.size(); ++i) {
    entries.push_back(ScheduleEntry{PostId{post[i]}, account_ids_in(accounts[i]), from_unix_ms(due[i]), wall_clock[i],
                                    zone[i], state_named(state[i]), reason[i], UserId{by[i]}, from_unix_ms(at[i]),
                                    series[i]});
  }
  return entries;
}

std::optional<ScheduleEntry> ScheduleRepository::find(PostId post) {
  auto found = select("post_id = $1", {post.value});
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<ScheduleEntry> ScheduleRepository::due(Timestamp at, int limit, const std::optional<ScheduleEntry>& after) {
  const auto order = " ORDER BY due_at, post_id LIMIT " + std::to_string(limit);
  if (!after) return select("state = 'scheduled' AND due_at <= $1" + order, {to_unix_ms(at)});
  return select("state = 'scheduled' AND due_at <= $1 AND (due_at > $2 OR (due_at = $3 AND post_id > $4))" + order,
                {to_unix_ms(at), to_unix_ms(after->due_at), to_unix_ms(after->due_at), after->post.value});
}

std::vector<ScheduleEntry> ScheduleRepository::between(Timestamp from, Timestamp to) {
  return select("due_at >= $1 AND due_at < $2 ORDER BY due_at, post_id", {to_unix_ms(from), to_unix_ms(to)});
}

std::vector<ScheduleEntry> ScheduleRepository::queued_since(Timestamp since) {
  return select("state = 'queued' AND updated_at >= $1 ORDER BY due_at, post_id", {to_unix_ms(since)});
}

std::vector<ScheduleEntry> ScheduleRepository::held() { return select("state = 'held' ORDER BY due_at, post_id", {}); }

std::vector<ScheduleEntry> ScheduleRepository::waiting() {
  return select("state = 'scheduled' ORDER BY due_at, post_id", {});
}

void ScheduleRepository::set_state(PostId post, ScheduleState state, const std::string& reason, Timestamp at) {
  Int64 key = post.value;
  std::string name{to_string(state)};
  std::string why = reason;
  Int64 when = to_unix_ms(at);
  session_ << "UPDATE schedules SET state = $1, reason = $2, updated_at = $3 WHERE post_id = $4", use(name), use(why),
      use(when), use(key), now;
}

}  // namespace kanal::store
