#include "publishing/delivery_decision.h"

#include "core/error.h"
#include "core/json.h"
#include "net/oauth_pkce.h"
#include "publishing/publisher.h"
#include "store/account_permission_repository.h"
#include "store/audit_repository.h"
#include "store/outbox_repository.h"
#include "store/post_repository.h"
#include "workflow/approvals.h"

namespace kanal::publishing {

void decide_delivery(Poco::Data::Session& session, PostId post, AccountId account, DeliveryDecision decision,
                     const std::string& url, UserId who, Timestamp at) {
  store::OutboxRepository outbox(session);
  std::optional<store::Delivery> delivery;
  for (auto& each : outbox.for_post(post)) {
    if (each.account == account) delivery = each;
  }
  if (!delivery) {
    throw Error(ErrorCode::not_found,
                "post " + std::to_string(post.value) + " has no delivery to account " + std::to_string(account.value));
  }
  // Deciding is publishing (or not): the account's own permissions apply, as to Publish.
  const auto written = store::PostRepository(session).find(post);
  const auto capability = written ? workflow::sending_capability(*written) : std::string("publish");
  if (!store::AccountPermissionRepository(session).allows(account, who, capability)) {
    throw Error(ErrorCode::forbidden, "this account's permissions do not let you " + capability + " for it");
  }
  const bool published = decision == DeliveryDecision::it_is_published;
  const bool decided = published ? outbox.decide_published(delivery->id, url, at)
                                 : outbox.decide_publish_again(delivery->id, "kanal-" + net::random_token(18), at);
  if (!decided) {
    throw Error(ErrorCode::stale_version,
                "this delivery is " + std::string(store::to_string(delivery->state)) + ", not waiting for a decision");
  }
  store::PostRepository(session).set_state(post, post_state_from(outbox.for_post(post)), at);
  const auto detail = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    w.Key("account_id");
    w.Int64(account.value);
    json::write_string(w, "decision", published ? "published" : "publish_again");
    json::write_string(w, "url", url);
    json::write_string(w, "why_undecided", delivery->last_error);
    w.EndObject();
  });
  store::AuditRepository(session).append(AuditEvent{0, at, who, "post.delivery_decided", "post", post.value, detail});
}

}  // namespace kanal::publishing
