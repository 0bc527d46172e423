#include "api/server/approval_endpoints.h"

#include <algorithm>
#include <limits>

#include "core/error.h"
#include "core/json.h"
#include "store/account_repository.h"
#include "store/post_repository.h"
#include "workflow/approvals.h"
#include "workflow/review.h"

namespace kanal::api {
namespace {

std::string to_json(const std::vector<workflow::TargetDecision>& decisions) {
  return "{\"targets\":" + workflow::decisions_json(decisions) + "}";
}

// What `policy` asks of post `id` for every connected account, were `caller` to submit it.
std::vector<workflow::TargetDecision> evaluate_post(store::Database& db, PostId id, const workflow::Policy& policy,
                                                    UserId caller) {
  return db.read([&](Poco::Data::Session& session) {
    const auto post = store::PostRepository(session).find(id);
    if (!post) throw Error(ErrorCode::not_found, "no post " + std::to_string(id.value));
    std::vector<AccountId> connected;
    for (const auto& account : store::AccountRepository(session).list()) {
      if (account.health != AccountHealth::disconnected) connected.push_back(account.id);
    }
    return workflow::Approvals(session, policy).decide(*post, connected, caller);
  });
}

}  // namespace

void add_approval_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents) {
  router.add("GET", "/api/v1/posts/{id}/approval", Permission::read, [&db, &documents](const Request& request) {
    const PostId id{request.path_id("id", "post")};
    return Response::json(200, to_json(evaluate_post(db, id, *documents.policy(), request.user)));
  });

  // The policy editor's "test this policy on a post": a policy not yet saved.
  router.add("POST", "/api/v1/policy/try", Permission::read, [&db](const Request& request) {
    const auto doc = json::parse_json(request.body);
    json::ObjectReader reader(doc);
    const auto text = reader.required_string("policy", 100'000);
    const PostId id{reader.required_int("post_id", 1, std::numeric_limits<std::int64_t>::max())};
    reader.reject_unknown();
    const auto policy = workflow::Policy::parse(text);
    return Response::json(200, to_json(evaluate_post(db, id, policy, request.user)));
  });
}

}  // namespace kanal::api
