#include "publishing/queue.h"

#include "core/error.h"
#include "net/oauth_pkce.h"
#include "publishing/controls.h"
#include "publishing/publication.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/outbox_repository.h"
#include "store/post_repository.h"
#include "store/press_contact_repository.h"
#include "store/schedule_repository.h"
#include "workflow/approvals.h"

namespace kanal::publishing {

void queue_for_publishing(Poco::Data::Session& session, networks::PluginRegistry& plugins,
                          const workflow::Policy& policy, PostId id, const std::vector<AccountId>& accounts,
                          std::optional<UserId> who, Timestamp at, const std::string& audit_detail) {
  store::PostRepository posts(session);
  auto post = posts.find(id);
  if (!post) throw Error(ErrorCode::not_found, "no post " + std::to_string(id.value));
  if (post->state == PostState::published) {
    throw Error(ErrorCode::invalid_input, "post " + std::to_string(id.value) + " is already published", "state");
  }
  require_not_held_back(HoldBacks::at(session, at), accounts);
  store::AccountRepository account_rows(session);
  const contacts::PressMentions press(store::PressContactRepository(session).all());
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    auto account = account_rows.find(accounts[i]);
    const auto field = "account_ids[" + std::to_string(i) + "]";
    if (!account) throw Error(ErrorCode::invalid_input, "no account " + std::to_string(accounts[i].value), field);
    if (account->health == AccountHealth::disconnected) {
      throw Error(ErrorCode::invalid_input, account->handle + " is not connected", field);
    }
    const auto* plugin = plugins.find(account->network);
    if (plugin == nullptr) {
      throw Error(ErrorCode::invalid_input, "no plugin for the network '" + account->network + "' is loaded", field);
    }
    require_publishable(*post, *account, plugin->descriptor(), press, field);
  }
  // Nothing goes out without the approvals the policy asks for, given for
  // exactly this content and these accounts.
  const auto cleared =
      workflow::Approvals(session, policy).require_cleared(*post, accounts, who.value_or(post->author));
  store::OutboxRepository outbox(session);
  for (const auto account : accounts) outbox.enqueue(id, account, "kanal-" + net::random_token(18), cleared, at);
  posts.set_state(id, PostState::publishing, at);
  store::ScheduleRepository schedules(session);
  if (auto entry = schedules.find(id);
      entry && (entry->state == store::ScheduleState::scheduled || entry->state == store::ScheduleState::held)) {
    schedules.set_state(id, store::ScheduleState::published_now, {}, at);  // no longer waiting for its time
  }
  store::AuditRepository(session).append(AuditEvent{0, at, who, "post.publish", "post", id.value, audit_detail});
}

}  // namespace kanal::publishing
