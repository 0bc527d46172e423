#pragma once
// The workspace's documents (settings/documents.h), shared by every desktop:
//   GET /api/v1/documents          each with its revision, who changed it last, and
//                                  whether the caller may change it
//   GET /api/v1/documents/{name}   one, with its text
//   PUT /api/v1/documents/{name}   {"content", "base_revision"}: admins; refused with the
//                                  line and reason when it cannot stand, or when someone
//                                  changed it since base_revision; on the audit trail with
//                                  the text before and after

#include "api/server/router.h"
#include "settings/workspace_settings.h"
#include "store/database.h"

namespace kanal::api {

void add_document_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents);

}  // namespace kanal::api
