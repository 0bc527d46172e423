#include "inbox/answers.h"

#include "core/error.h"
#include "publishing/queue.h"

namespace kanal::inbox {

bool queue_answer(Poco::Data::Session& session, networks::PluginRegistry& plugins, const workflow::Policy& policy,
                  const Post& answer, const std::vector<AccountId>& accounts, Timestamp at) {
  try {
    // Held back is decided before anything is written: nothing to undo.
    publishing::queue_for_publishing(session, plugins, policy, answer.id, accounts, answer.author, at,
                                     "{\"reply_to\":" + std::to_string(answer.reply_to.value) + "}");
    return true;
  } catch (const Error& e) {
    // Held back (a pause), or its writer disabled or moved to a role that
    // does not publish since: approved, it waits for a person to send it.
    if (e.code() == ErrorCode::held_back || e.code() == ErrorCode::approval_required) return false;
    throw;
  }
}

}  // namespace kanal::inbox
