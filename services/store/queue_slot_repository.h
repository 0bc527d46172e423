#pragma once
// Each account's weekly queue slots, as a person wrote them ("mon 09:00")
// with their zone; scheduling/queue_slots.h reads them.

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

struct QueueSlotsRow {
  std::vector<std::string> slots;  // "mon 09:00"
  std::string zone;
};

class QueueSlotRepository {
 public:
  explicit QueueSlotRepository(Poco::Data::Session& session) : session_(session) {}

  std::optional<QueueSlotsRow> find(AccountId account);
  // No slots: the account has no queue.
  void put(AccountId account, const QueueSlotsRow& row);

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
