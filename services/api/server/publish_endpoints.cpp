#include "api/server/publish_endpoints.h"

#include "api/wire/messages.h"
#include "api/wire/publishing.h"
#include "core/error.h"
#include "net/oauth_pkce.h"
#include "publishing/delivery_decision.h"
#include "publishing/publication.h"
#include "publishing/queue.h"
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
                           settings::WorkspaceSettings& documents, const Clock& clock, std::function<void()> wake) {
  router.add("POST", "/api/v1/posts/{id}/publish", Permission::publish,
             [&db, &plugins, &documents, &clock, wake](const Request& request) {
               const PostId id{request.path_id("id", "post")};
               const auto body = wire::parse_publish_request(request.body);
               const auto at = clock.now();
               auto deliveries = db.transact([&](Poco::Data::Session& session) {
                 publishing::queue_for_publishing(session, plugins, *documents.policy(), id, body.accounts,
                                                  request.user, at, wire::to_json(body));
                 return deliveries_of(session, id);
               });
               if (wake) wake();
               return Response::json(202, wire::to_json(deliveries));
             });

  // Where the network could not tell: the person who looked says.
  router.add("POST", "/api/v1/posts/{id}/deliveries/{account_id}/decision", Permission::publish,
             [&db, &clock, wake](const Request& request) {
               const PostId id{request.path_id("id", "post")};
               const AccountId account{request.path_id("account_id", "account")};
               const auto body = wire::parse_delivery_decision(request.body);
               const auto decision = body.decision == "published" ? publishing::DeliveryDecision::it_is_published
                                                                  : publishing::DeliveryDecision::publish_again;
               auto deliveries = db.transact([&](Poco::Data::Session& session) {
                 publishing::decide_delivery(session, id, account, decision, body.url, request.user, clock.now());
                 return deliveries_of(session, id);
               });
               if (wake) wake();
               return Response::json(200, wire::to_json(deliveries));
             });

  router.add("GET", "/api/v1/posts/{id}/deliveries", Permission::read, [&db](const Request& request) {
    const PostId id{request.path_id("id", "post")};
    auto deliveries = db.read([&](Poco::Data::Session& session) { return deliveries_of(session, id); });
    return Response::json(200, wire::to_json(deliveries));
  });
}

}  // namespace kanal::api
