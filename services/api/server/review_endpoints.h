#pragma once
// The approval workflow over /api/v1 (workflow/approvals.h does the work):
//   POST /api/v1/posts/{id}/submit {"account_ids":[…]}   submit for approval
//   GET  /api/v1/posts/{id}/review                       the newest submission,
//        with what the caller last saw and whether they may decide now
//   POST /api/v1/posts/{id}/approve {"content_hash","comment"}
//   POST /api/v1/posts/{id}/send-back {"content_hash","comment"}
//   GET  /api/v1/approvals                               what waits for the caller
// An answer from the inbox (a reply post) is queued for publishing with its
// last approval.

#include "api/server/router.h"
#include "core/time.h"
#include "networks/plugin_registry.h"
#include "settings/workspace_settings.h"
#include "store/database.h"

namespace kanal::api {

void add_review_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents,
                          networks::PluginRegistry& plugins, const Clock& clock);

}  // namespace kanal::api
