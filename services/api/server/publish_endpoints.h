#pragma once
// Publishing a post now: POST /api/v1/posts/{id}/publish {"account_ids":[…]}
// queues one delivery per account (each with its own idempotency key) and
// wakes the publisher — once the post fits every target network and each
// image has its alt text, and once the approvals the policy asks for are
// given for exactly this content and these accounts (409 approval_required
// otherwise); GET /api/v1/posts/{id}/deliveries shows how each goes.

#include <functional>

#include "api/server/router.h"
#include "networks/plugin_registry.h"
#include "settings/workspace_settings.h"
#include "store/database.h"

namespace kanal::api {

void add_publish_endpoints(Router& router, store::Database& db, networks::PluginRegistry& plugins,
                           settings::WorkspaceSettings& documents, const Clock& clock, std::function<void()> wake);

}  // namespace kanal::api
