#include "api/server/posts_endpoints.h"

#include <charconv>

#include "api/wire/messages.h"
#include "core/error.h"
#include "store/account_permission_repository.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/post_repository.h"
#include "store/viewer.h"
#include "text/plain_language.h"
#include "text/templates.h"
#include "workflow/approvals.h"
#include "workflow/authorship.h"

namespace kanal::api {
namespace {

// Whether an edit changed what is published (text, images and alt text,
// thread, language, any account's own text).
bool changed_content(const Post& before, const Post& after) {
  return workflow::publish_hash(before) != workflow::publish_hash(after);
}

// Every account exists and its permissions let the writer draft for it.
void require_accounts_for(Poco::Data::Session& session, const std::vector<Variant>& variants, UserId writer) {
  store::AccountRepository accounts(session);
  store::AccountPermissionRepository permissions(session);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const auto field = "variants[" + std::to_string(i) + "].account_id";
    const auto account = accounts.find(variants[i].account);
    if (!account) {
      throw Error(ErrorCode::invalid_input, "account " + std::to_string(variants[i].account.value) + " does not exist",
                  field);
    }
    if (!permissions.allows(account->id, writer, "draft")) {
      throw Error(ErrorCode::forbidden, account->handle + "'s permissions do not let you draft for it", field);
    }
  }
}

// Every image the post's parts attach exists and the writer may see it (an
// image of a post closed to them is not theirs to reuse). A null list is one
// the request does not change.
void require_images_exist(Poco::Data::Session& session, UserId writer, const std::vector<Attachment>* media,
                          const std::vector<ThreadPart>* thread) {
  store::Viewer viewer(session, writer);
  auto check = [&](const std::vector<Attachment>& attachments, const std::string& path) {
    for (std::size_t i = 0; i < attachments.size(); ++i) {
      if (!viewer.sees_media(attachments[i].media)) {
        throw Error(ErrorCode::invalid_input, "image " + std::to_string(attachments[i].media.value) + " does not exist",
                    path + "[" + std::to_string(i) + "].media_id");
      }
    }
  };
  if (media) check(*media, "media");
  for (std::size_t i = 0; thread && i < thread->size(); ++i) {
    check((*thread)[i].media, "thread[" + std::to_string(i) + "].media");
  }
}

void audit(Poco::Data::Session& session, const Request& request, Timestamp at, const char* action, const Post& post) {
  store::AuditRepository(session).append(
      AuditEvent{0, at, request.user, action, "post", post.id.value, wire::to_json(post)});
}

// A post may say it came from a template (approval treats such posts as
// routine), so kanald composes the template again from the post's fields
// rather than take the client's word for the text it gave.
void require_template_text(const PostOrigin& origin, const std::string& language, const text::Catalog& catalog) {
  std::string composed;
  try {
    composed = text::composed_text(catalog, origin.template_id, origin.segment_id, language, origin.fields);
  } catch (const Error& e) {
    throw Error(ErrorCode::invalid_input, "origin: " + e.detail(), "origin");
  }
  if (composed != origin.template_text) {
    throw Error(ErrorCode::invalid_input,
                "origin.template_text is not what the template gives for these fields (was it changed meanwhile?)",
                "origin.template_text");
  }
}

// Everything a post will say, for the rights-and-entitlements check.
bool needs_expert_check(const std::string& text, const std::vector<ThreadPart>& thread,
                        const std::vector<Variant>& variants, const std::string& language,
                        const text::WordLists& lists) {
  std::string all = text;
  for (const auto& part : thread) all += "\n\n" + part.text;
  for (const auto& variant : variants) all += "\n\n" + variant.text;
  return text::states_rights(all, language, lists);
}

}  // namespace

void add_posts_endpoints(Router& router, store::Database& db, const Clock& clock,
                         settings::WorkspaceSettings& documents) {
  const auto word_lists = [&documents] { return documents.word_lists(); };
  // A post closed to the caller is not found, whatever is asked of it.
  router.guard("/api/v1/posts/{id}", [&db](const Request& request) {
    const PostId id{request.path_id("id", "post")};
    db.read([&](Poco::Data::Session& session) {
      store::require_visible(store::Viewer(session, request.user).sees_post(id), "post", id.value);
    });
  });

  router.add("POST", "/api/v1/posts", Permission::draft, [&db, &clock, &documents, word_lists](const Request& request) {
    auto body = wire::parse_create_post(request.body);
    const auto at = clock.now();
    auto post = db.transact([&](Poco::Data::Session& session) {
      require_accounts_for(session, body.variants, request.user);
      require_images_exist(session, request.user, &body.media, &body.thread);
      if (!body.origin.template_id.empty())
        require_template_text(body.origin, body.language, documents.templates()->catalog);
      const bool expert = needs_expert_check(body.text, body.thread, body.variants, body.language, *word_lists());
      auto created = store::PostRepository(session).create(
          store::NewPost{request.user, std::move(body.text), std::move(body.variants), std::move(body.media),
                         std::move(body.thread), std::move(body.language), std::move(body.origin), expert},
          at);
      audit(session, request, at, "post.create", created);
      return created;
    });
    auto response = Response::json(201, wire::to_json(post));
    response.headers["Location"] = "/api/v1/posts/" + std::to_string(post.id.value);
    return response;
  });

  router.add("GET", "/api/v1/posts", Permission::read, [&db](const Request& request) {
    store::PostQuery query;
    if (auto state = request.query_value("state")) {
      query.state = parse_post_state(*state);
      if (!query.state) throw Error(ErrorCode::invalid_input, "unknown state '" + *state + "'", "state");
    }
    if (auto value = request.query_positive("limit")) {
      if (*value > wire::kMaxPageSize) {
        throw Error(ErrorCode::invalid_input, "limit must be at most " + std::to_string(wire::kMaxPageSize), "limit");
      }
      query.limit = static_cast<int>(*value);
    } else {
      query.limit = wire::kDefaultPageSize;
    }
    if (auto cursor = request.query_positive("cursor")) query.before = PostId{*cursor};
    auto page = db.read([&](Poco::Data::Session& session) {
      query.hidden = store::Viewer(session, request.user).hidden_posts_sql("id");
      return store::PostRepository(session).list(query);
    });
    wire::PostList list{std::move(page.items), std::nullopt};
    if (page.next_before) list.next_cursor = std::to_string(page.next_before->value);
    return Response::json(200, wire::to_json(list));
  });

  router.add("GET", "/api/v1/posts/{id}", Permission::read, [&db](const Request& request) {
    const PostId id{request.path_id("id", "post")};
    auto post = db.read([&](Poco::Data::Session& session) { return store::PostRepository(session).find(id); });
    if (!post) throw Error(ErrorCode::not_found, "no post " + std::to_string(id.value));
    return Response::json(200, wire::to_json(*post));
  });

  router.add(
      "PATCH", "/api/v1/posts/{id}", Permission::draft, [&db, &clock, &documents, word_lists](const Request& request) {
        const PostId id{request.path_id("id", "post")};
        auto body = wire::parse_update_post(request.body);
        const auto at = clock.now();
        auto post = db.transact([&](Poco::Data::Session& session) {
          if (body.variants) require_accounts_for(session, *body.variants, request.user);
          require_images_exist(session, request.user, body.media ? &*body.media : nullptr,
                               body.thread ? &*body.thread : nullptr);
          store::PostRepository posts(session);
          const auto current = posts.find(id);
          if (!current) throw Error(ErrorCode::not_found, "post " + std::to_string(id.value) + " does not exist");
          workflow::require_may_change(session, *current, request.user, request.role);
          if (current->state == PostState::publishing || current->state == PostState::published) {
            throw Error(ErrorCode::invalid_input,
                        "post " + std::to_string(id.value) + " is already " + std::string(to_string(current->state)) +
                            "; what went out cannot change",
                        "state");
          }
          const bool expert = needs_expert_check(
              body.text.value_or(current->text), body.thread.value_or(current->thread),
              body.variants.value_or(current->variants), body.language.value_or(current->language), *word_lists());
          auto updated =
              posts.update(id, body.version,
                           store::PostChanges{std::move(body.text), std::move(body.variants), std::move(body.media),
                                              std::move(body.thread), std::move(body.language), expert},
                           at);
          // An edit that changes nothing is not on record: it makes nobody a writer of the post.
          if (changed_content(*current, updated)) {
            audit(session, request, at, "post.edit", updated);
            workflow::Approvals(session, *documents.policy()).after_edit(updated, request.user, at);
          }
          return *posts.find(id);
        });
        return Response::json(200, wire::to_json(post));
      });

  router.add("DELETE", "/api/v1/posts/{id}", Permission::draft, [&db, &clock, &documents](const Request& request) {
    const PostId id{request.path_id("id", "post")};
    const auto at = clock.now();
    db.transact([&](Poco::Data::Session& session) {
      store::PostRepository posts(session);
      auto post = posts.find(id);
      if (!post) throw Error(ErrorCode::not_found, "no post " + std::to_string(id.value));
      workflow::require_may_change(session, *post, request.user, request.role);
      posts.remove(id, at);
      audit(session, request, at, "post.delete", *post);
      workflow::Approvals(session, *documents.policy()).withdraw(*post, "deleted", request.user, at);
    });
    return Response::empty(204);
  });
}

}  // namespace kanal::api
