#include "api/server/review_endpoints.h"

#include "api/wire/publishing.h"
#include "api/wire/reviews.h"
#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "inbox/answers.h"
#include "store/post_repository.h"
#include "store/review_repository.h"
#include "store/user_repository.h"
#include "workflow/approvals.h"
#include "workflow/review.h"

namespace kanal::api {
namespace {

Post require_post(Poco::Data::Session& session, PostId id) {
  auto post = store::PostRepository(session).find(id);
  if (!post) throw Error(ErrorCode::not_found, "no post " + std::to_string(id.value));
  return *post;
}

User caller(Poco::Data::Session& session, const Request& request) {
  auto user = store::UserRepository(session).find(request.user);
  if (!user) throw Error(ErrorCode::unauthorized, "the caller is no longer a user of this workspace");
  return *user;
}

wire::ReviewView view_of(Poco::Data::Session& session, const Post& post, const Review& review, const User& who,
                         const workflow::Policy& policy) {
  wire::ReviewView view;
  view.review = review;
  if (const auto step = workflow::next_step(review); step && review.state == ReviewState::pending) {
    view.next_step = workflow::to_string(*step);
  }
  view.current_hash = workflow::content_hash(workflow::content_snapshot(post, review.targets));
  if (const auto seen = store::ReviewRepository(session).last_decided_by(post.id, who.id))
    view.last_seen = seen->content;
  const auto why_not = workflow::Approvals(session, policy).why_not(post, review, who);
  view.may_decide = !why_not;
  view.why_not = why_not.value_or("");
  return view;
}

// The reasons JSON as one line per target that needs a step.
std::string reasons_text(const std::string& reasons) {
  std::string out;
  try {
    const auto doc = json::parse_json(reasons);
    if (!doc.IsArray()) return out;
    for (const auto& item : doc.GetArray()) {
      if (!item.IsObject() || !item.HasMember("handle") || !item.HasMember("why")) continue;
      if (item.HasMember("steps") && item["steps"].IsArray() && item["steps"].Empty()) continue;
      out += (out.empty() ? "" : "\n") + std::string(item["handle"].GetString()) + ": " + item["why"].GetString();
    }
  } catch (const Error&) {
    // Written by kanald itself; an unreadable one just gives no reasons.
  }
  return out;
}

}  // namespace

void add_review_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents,
                          networks::PluginRegistry& plugins, const Clock& clock) {
  router.add("POST", "/api/v1/posts/{id}/submit", Permission::draft, [&db, &documents, &clock](const Request& request) {
    const PostId id{request.path_id("id", "post")};
    const auto body = wire::parse_publish_request(request.body);
    const auto policy = documents.policy();
    const auto view = db.transact([&](Poco::Data::Session& session) {
      const auto who = caller(session, request);
      auto post = require_post(session, id);
      const auto review = workflow::Approvals(session, *policy).submit(post, body.accounts, who.id, clock.now());
      return view_of(session, require_post(session, id), review, who, *policy);
    });
    return Response::json(201, wire::to_json(view));
  });

  router.add("GET", "/api/v1/posts/{id}/review", Permission::read, [&db, &documents](const Request& request) {
    const PostId id{request.path_id("id", "post")};
    const auto policy = documents.policy();
    const auto view = db.read([&](Poco::Data::Session& session) {
      const auto post = require_post(session, id);
      const auto review = store::ReviewRepository(session).latest_for_post(id);
      if (!review) throw Error(ErrorCode::not_found, "post " + std::to_string(id.value) + " was never submitted");
      return view_of(session, post, *review, caller(session, request), *policy);
    });
    return Response::json(200, wire::to_json(view));
  });

  auto decide = [&db, &documents, &plugins, &clock](const Request& request, bool approve) {
    const PostId id{request.path_id("id", "post")};
    const auto body = wire::parse_decision(request.body, /*comment_required=*/!approve);
    const auto policy = documents.policy();
    const auto view = db.transact([&](Poco::Data::Session& session) {
      const auto who = caller(session, request);
      const auto post = require_post(session, id);
      const auto at = clock.now();
      const auto review =
          workflow::Approvals(session, *policy).decide_step(post, who, approve, body.content_hash, body.comment, at);
      // An answer to a citizen goes out with its last approval, on behalf of
      // the person who wrote it: nobody has to come back to send it.
      if (post.reply_to.valid() && review.state == ReviewState::approved) {
        inbox::queue_answer(session, plugins, *policy, post, review.targets, at);
      }
      return view_of(session, require_post(session, id), review, who, *policy);
    });
    return Response::json(200, wire::to_json(view));
  };
  router.add("POST", "/api/v1/posts/{id}/approve", Permission::approve,
             [decide](const Request& request) { return decide(request, true); });
  router.add("POST", "/api/v1/posts/{id}/send-back", Permission::approve,
             [decide](const Request& request) { return decide(request, false); });

  router.add("GET", "/api/v1/approvals", Permission::read, [&db, &documents](const Request& request) {
    const auto policy = documents.policy();
    const auto items = db.read([&](Poco::Data::Session& session) {
      const auto who = caller(session, request);
      std::vector<wire::QueueItem> queue;
      store::PostRepository posts(session);
      for (const auto& review : store::ReviewRepository(session).pending()) {
        const auto post = posts.find(review.post);
        if (!post || workflow::Approvals(session, *policy).why_not(*post, review, who)) continue;
        queue.push_back(wire::QueueItem{review.id, post->id, workflow::to_string(*workflow::next_step(review)).data(),
                                        post->author, review.submitted_by, review.submitted_at,
                                        utf8::preview(post->text, 140), review.targets, reasons_text(review.reasons)});
      }
      return queue;
    });
    return Response::json(200, wire::to_json(items));
  });
}

}  // namespace kanal::api
