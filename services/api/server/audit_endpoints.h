#pragma once
// /api/v1/audit: the audit trail, filtered and paged (JSON), exported for a
// records request (?format=jsonl or csv, a whole period at once), the
// verification of its hash chain (GET /api/v1/audit/verify; POST with an
// anchor to check the chain against it), and anchors made on demand
// (POST /api/v1/audit/anchors).

#include <functional>

#include "api/server/router.h"
#include "store/audit_anchor.h"
#include "store/database.h"

namespace kanal::api {

struct AuditAnchoring {
  const store::AnchorKey& key;
  std::function<AuditAnchor()> anchor_now;  // signs the head and keeps the anchor (kanald's folder)
};

void add_audit_endpoints(Router& router, store::Database& db, AuditAnchoring anchoring);

}  // namespace kanal::api
