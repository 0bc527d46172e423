#pragma once
// /api/v1/audit: the audit trail, filtered and paged (JSON), exported for a
// records request (?format=jsonl or csv, a whole period at once), and the
// verification of its hash chain (/api/v1/audit/verify).

#include "api/server/router.h"
#include "store/database.h"

namespace kanal::api {

void add_audit_endpoints(Router& router, store::Database& db);

}  // namespace kanal::api
