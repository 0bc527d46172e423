#pragma once
// The engagement inbox:
//   GET    /api/v1/inbox                  a page by filters (account, state incl. hidden and review,
//                                         category, language, assignee, period), newest first
//   GET    /api/v1/inbox/{id}             the whole item, its thread on the network, the post it
//                                         answers, and the answers so far
//   POST   /api/v1/inbox/{id}/moderate    hide, unhide, keep, review; mute, block, report the author
//   POST   /api/v1/inbox/{id}/assign      to a colleague (or nobody)
//   POST   /api/v1/inbox/{id}/state       done, or new again
//   POST   /api/v1/inbox/{id}/reply       an answer, through the approval policy
//   POST   /api/v1/inbox/{id}/reply-check what the approval policy would ask of an answer
//   POST   /api/v1/inbox/sync             sync now (all accounts, or one)
//   GET    /api/v1/inbox/answer-times     time to first answer per account and ISO week
//   GET/POST /api/v1/saved-replies, DELETE /api/v1/saved-replies/{id}

#include <functional>

#include "api/server/router.h"
#include "core/time.h"
#include "inbox/inbox_sync.h"
#include "networks/plugin_registry.h"
#include "settings/workspace_settings.h"
#include "store/database.h"
#include "store/secret_box.h"

namespace kanal::api {

struct InboxServices {
  store::Database& db;
  networks::PluginRegistry& plugins;
  const store::SecretBox& secrets;
  settings::WorkspaceSettings& documents;
  inbox::InboxSync& sync;
  const Clock& clock;
  std::function<void()> wake_publisher;
};

void add_inbox_endpoints(Router& router, InboxServices services);

}  // namespace kanal::api
