#pragma once
// kanald keeps the audit trail's anchors as files in the workspace
// (audit-anchors/, owner-only): one a day, and one whenever someone asks
// (POST /api/v1/audit/anchors, `kanalctl audit anchor`). A records officer
// copies them out of reach of whoever can write the database.

#include <Poco/Logger.h>

#include <filesystem>
#include <mutex>

#include "core/domain.h"
#include "core/time.h"
#include "store/audit_anchor.h"
#include "store/database.h"

namespace kanal::daemon {

class AuditAnchors {
 public:
  AuditAnchors(std::filesystem::path data_dir, store::Database& db, const store::AnchorKey& key, const Clock& clock,
               Poco::Logger& log);

  // Signs the chain's head now and writes it; throws kanal::Error when the
  // trail is empty or broken.
  AuditAnchor anchor_now();
  // Writes one when the newest is a day old or there is none (and the trail
  // has an event); never throws.
  void anchor_if_due();

 private:
  std::filesystem::path dir_;
  store::Database& db_;
  const store::AnchorKey& key_;
  const Clock& clock_;
  Poco::Logger& log_;
  std::mutex mutex_;  // one writer: the collector's thread and requests
};

}  // namespace kanal::daemon
