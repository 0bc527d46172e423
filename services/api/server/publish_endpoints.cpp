#include "api/server/publish_endpoints.h"

#include "api/wire/messages.h"
#include "api/wire/publishing.h"
#include "core/error.h"
#include "net/oauth_pkce.h"
#include "publishing/publication.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/outbox_repository.h"
#include "store/post_repository.h"
#include "workflow/approvals.h"

namespace kanal::api {
namespace {

std::vector<wire::DeliveryInfo> deliveries_of(Poco::Data::Session& session, PostId post) {
  std::vector<wire::DeliveryInfo> infos;
  for (const auto& delivery : store::OutboxRepository(session).for_post(post)) {
    infos.push_back(wire::DeliveryInfo{delivery.account, std::string(store::to_string(delivery.state)),
                                       delivery.attempts, delivery.last_error, delivery.url, delivery.next_attempt_at});
  }
  return infos;
}

}  // namespace

void add_publish_endpoints(Router& router, store::Database& db, networks::PluginRegistry& plugins,
                           PolicyStore& policies, const Clock& clock, std::function<void()> wake) {
  router.add(
      "POST", "/api/v1/posts/{id}/publish", Permission::publish,
      [&db, &plugins, &policies, &clock, wake](const Request& request) {
        const PostId id{request.path_id("id", "post")};
        const auto body = wire::parse_publish_request(request.body);
        const auto at = clock.now();
        auto deliveries = db.transact([&](Poco::Data::Session& session) {
          store::PostRepository posts(session);
          auto post = posts.find(id);
          if (!post) throw Error(ErrorCode::not_found, "no post " + std::to_string(id.value));
          if (post->state == PostState::published) {
            throw Error(ErrorCode::invalid_input, "post " + std::to_string(id.value) + " is already published",
                        "state");
          }
          store::AccountRepository accounts(session);
          store::OutboxRepository outbox(session);
          for (std::size_t i = 0; i < body.accounts.size(); ++i) {
            auto account = accounts.find(body.accounts[i]);
            const auto field = "account_ids[" + std::to_string(i) + "]";
            if (!account)
              throw Error(ErrorCode::invalid_input, "no account " + std::to_string(body.accounts[i].value), field);
            if (account->health == AccountHealth::disconnected) {
              throw Error(ErrorCode::invalid_input, account->handle + " is not connected", field);
            }
            const auto* plugin = plugins.find(account->network);
            if (plugin == nullptr) {
              throw Error(ErrorCode::invalid_input, "no plugin for the network '" + account->network + "' is loaded",
                          field);
            }
            publishing::require_publishable(*post, *account, plugin->description(), field);
          }
          // Nothing goes out without the approvals the policy asks for, given
          // for exactly this content and these accounts.
          const auto cleared =
              workflow::Approvals(session, *policies.policy()).require_cleared(*post, body.accounts, request.user);
          for (const auto account : body.accounts) {
            outbox.enqueue(id, account, "kanal-" + net::random_token(18), cleared, at);
          }
          posts.set_state(id, PostState::publishing, at);
          store::AuditRepository(session).append(
              AuditEvent{0, at, request.user, "post.publish", "post", id.value, wire::to_json(body)});
          return deliveries_of(session, id);
        });
        if (wake) wake();
        return Response::json(202, wire::to_json(deliveries));
      });

  router.add("GET", "/api/v1/posts/{id}/deliveries", Permission::read, [&db](const Request& request) {
    const PostId id{request.path_id("id", "post")};
    auto deliveries = db.read([&](Poco::Data::Session& session) { return deliveries_of(session, id); });
    return Response::json(200, wire::to_json(deliveries));
  });
}

}  // namespace kanal::api
