#pragma once
// Posts scheduled for a moment: the UTC instant and the wall-clock time and
// zone a person chose (so the hour holds across daylight-saving changes),
// the accounts, and where it stands — scheduled, queued (moved into the
// outbox by the scheduler at its time), held (for a person: an approval was
// missing at its time, a blackout, a pause; the reason says which),
// cancelled, or published_now (a person published it before its time).

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

enum class ScheduleState { scheduled, queued, held, cancelled, published_now };
std::string_view to_string(ScheduleState state);

struct ScheduleEntry {
  PostId post;
  std::vector<AccountId> accounts;
  Timestamp due_at;
  std::string wall_clock;  // "2026-12-18T09:00" in `zone`
  std::string zone;
  ScheduleState state = ScheduleState::scheduled;
  std::string reason;  // why it is held
  UserId scheduled_by;
  Timestamp updated_at;
  std::string series;  // the rule of a repeated post, in words; empty for a single one
};

class ScheduleRepository {
 public:
  explicit ScheduleRepository(Poco::Data::Session& session) : session_(session) {}

  // Schedules (or reschedules) the post.
  void put(const ScheduleEntry& entry);
  std::optional<ScheduleEntry> find(PostId post);
  // Scheduled entries due at `now`, oldest first (after `after`, for the next page).
  std::vector<ScheduleEntry> due(Timestamp now, int limit, const std::optional<ScheduleEntry>& after = std::nullopt);
  // Entries of every state due in [from, to), by time.
  std::vector<ScheduleEntry> between(Timestamp from, Timestamp to);
  // Every entry still waiting for its time.
  std::vector<ScheduleEntry> waiting();
  // Entries moved into the outbox at or after `since`.
  std::vector<ScheduleEntry> queued_since(Timestamp since);
  // Every entry held for a person to decide.
  std::vector<ScheduleEntry> held();
  void set_state(PostId post, ScheduleState state, const std::string& reason, Timestamp at);

 private:
  std::vector<ScheduleEntry> select(const std::string& where_and_order, const std::vector<Poco::Int64>& keys);
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
