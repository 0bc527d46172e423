#include "store/queue_slot_repository.h"

#include "store/comma_list.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {

std::optional<QueueSlotsRow> QueueSlotRepository::find(AccountId account) {
  Int64 key = account.value;
  std::vector<std::string> slots, zone;
  session_ << "SELECT slots, zone FROM queue_slots WHERE account_id = $1", into(slots), into(zone), use(key), now;
  if (slots.empty()) return std::nullopt;
  return QueueSlotsRow{comma_items(slots.front()), zone.front()};
}

void QueueSlotRepository::put(AccountId account, const QueueSlotsRow& row) {
  Int64 key = account.value;
  session_ << "DELETE FROM queue_slots WHERE account_id = $1", use(key), now;
  if (row.slots.empty()) return;
  std::string slots = comma_list(row.slots);
  std::string zone = row.zone;
  session_ << "INSERT INTO queue_slots (account_id, slots, zone) VALUES ($1, $2, $3)", use(key), use(slots), use(zone),
      now;
}

}  // namespace kanal::store
