#include "api/server/inbox_endpoints.h"

#include "api/wire/inbox.h"
#include "api/wire/messages.h"
#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "engagement/moderation_policy.h"
#include "inbox/answers.h"
#include "inbox/inbox_actions.h"
#include "inbox/response_times.h"
#include "networks/connection.h"
#include "store/account_permission_repository.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/interaction_repository.h"
#include "store/post_repository.h"
#include "store/user_repository.h"
#include "store/viewer.h"
#include "text/plain_language.h"
#include "text/word_lists.h"
#include "workflow/approvals.h"
#include "workflow/review.h"

namespace kanal::api {
namespace {

constexpr std::size_t kExcerpt = 280;  // characters of each text in a page
constexpr std::chrono::seconds kNetworkTimeout{20};
constexpr std::chrono::seconds kSyncBudget{15};  // well within a client's 30 s

// A page's texts are read one character longer than shown: a text longer
// than kExcerpt is shown cut, and marked so.
wire::InboxItem item_of(const store::Interaction& item, bool excerpt) {
  wire::InboxItem out;
  out.id = item.id;
  out.account = item.account;
  out.network_id = item.network_id;
  out.kind = item.kind;
  out.author_handle = item.author_handle;
  out.author_name = item.author_name;
  out.text = excerpt ? std::string(utf8::prefix(item.text, kExcerpt)) : item.text;
  out.excerpt = excerpt && out.text.size() < item.text.size();
  out.truncated = item.truncated;
  out.language = item.language;
  out.created_at = item.created_at;
  out.in_reply_to = item.in_reply_to;
  out.post = item.post;
  out.url = item.url;
  out.state = std::string(to_string(item.state));
  out.assignee = item.assignee;
  out.category = item.decision.category;
  out.score = item.decision.score_permille / 1000.0;
  out.action = item.decision.action;
  out.decided_by = item.decision.decided_by;
  out.reason = item.decision.reason;
  out.needs_review = item.needs_review;
  out.visibility = std::string(to_string(item.visibility));
  out.network_note = item.network_note;
  out.first_answer_at = item.first_answer_at;
  return out;
}

store::Interaction require_item(Poco::Data::Session& session, InteractionId id) {
  auto item = store::InteractionRepository(session).find(id);
  if (!item) throw Error(ErrorCode::not_found, "no inbox item " + std::to_string(id.value));
  return *item;
}

Account require_account(Poco::Data::Session& session, AccountId id) {
  auto account = store::AccountRepository(session).find(id);
  if (!account) throw Error(ErrorCode::not_found, "no account " + std::to_string(id.value));
  return *account;
}

// The accounts whose inbox `who` may see; nullopt: all of them.
std::optional<std::vector<AccountId>> visible_accounts(Poco::Data::Session& session, UserId who) {
  const store::Viewer viewer(session, who);
  if (!viewer.restricted()) return std::nullopt;
  std::vector<AccountId> visible;
  for (const auto& account : store::AccountRepository(session).list()) {
    if (viewer.sees_inbox(account.id)) visible.push_back(account.id);
  }
  return visible;
}

// The item, if the caller may see it (not_found otherwise: whether it exists is not theirs to know).
store::Interaction require_visible_item(Poco::Data::Session& session, InteractionId id, UserId who) {
  auto item = require_item(session, id);
  store::require_visible(store::Viewer(session, who).sees_inbox(item.account), "inbox item", id.value);
  return item;
}

// Error forbidden unless the account's permissions let the caller use `capability`.
void require_capability(Poco::Data::Session& session, const Account& account, UserId who,
                        const std::string& capability) {
  if (!store::AccountPermissionRepository(session).allows(account.id, who, capability)) {
    throw Error(ErrorCode::forbidden, account.handle + "'s permissions do not let you " + capability + " for it");
  }
}

// A time the request must give.
Timestamp query_time(const Request& request, const char* name) {
  const auto at = request.query_time(name);
  if (!at) throw Error(ErrorCode::invalid_input, std::string(name) + " must be an RFC 3339 time", name);
  return *at;
}

store::InboxQuery inbox_query(const Request& request) {
  store::InboxQuery query;
  query.excerpt_characters = kExcerpt + 1;
  if (auto account = request.query_positive("account")) query.account = AccountId{*account};
  if (auto state = request.query_value("state"); state && !state->empty()) {
    if (*state == "hidden") {
      query.visibility = store::Visibility::hidden;
    } else if (*state == "review") {
      query.needs_review = true;
    } else if (auto parsed = store::parse_inbox_state(*state)) {
      query.state = parsed;
    } else {
      throw Error(ErrorCode::invalid_input, "state must be new, assigned, answered, done, hidden or review", "state");
    }
  }
  if (auto category = request.query_value("category"); category && !category->empty()) {
    if (!engagement::parse_category(*category)) {
      throw Error(ErrorCode::invalid_input, "no moderation category '" + *category + "'", "category");
    }
    query.category = *category;
  }
  if (auto language = request.query_value("language"); language && !language->empty()) query.language = *language;
  if (auto assignee = request.query_positive("assignee")) query.assignee = UserId{*assignee};
  if (request.query_value("from")) query.from = query_time(request, "from");
  if (request.query_value("to")) query.to = query_time(request, "to");
  if (auto before = request.query_positive("before")) query.before = InteractionId{*before};
  if (auto offset = request.query_positive("offset")) query.offset = *offset;
  if (auto limit = request.query_positive("limit")) {
    if (*limit > 500) throw Error(ErrorCode::invalid_input, "limit must be from 1 to 500", "limit");
    query.limit = static_cast<int>(*limit);
  }
  return query;
}

// The thread on the network, with the item among it; a note when it cannot be read.
void read_thread(InboxServices& services, const Account& account, const store::Interaction& item,
                 wire::Conversation& conversation) {
  auto* network = services.plugins.find(account.network);
  if (network == nullptr) {
    conversation.thread_note = "no plugin for " + account.network + " is loaded";
    return;
  }
  try {
    const auto connection = services.db.read(
        [&](Poco::Data::Session& session) { return networks::open_connection(session, services.secrets, account); });
    const auto thread = networks::await(network->fetch_thread(connection, item.network_id), kNetworkTimeout);
    const auto add = [&](const plugin::Interaction& message, bool current) {
      conversation.thread.push_back(wire::ThreadMessage{message.network_id, message.author.handle,
                                                        utf8::repaired(message.text), message.created_at, current});
    };
    for (const auto& message : thread.ancestors) add(message, false);
    conversation.thread.push_back(
        wire::ThreadMessage{item.network_id, item.author_handle, item.text, item.created_at, true});
    for (const auto& message : thread.descendants) add(message, false);
  } catch (const plugin::NetworkError& e) {
    conversation.thread_note = "the conversation could not be read from the network: " + e.reason();
  } catch (const Error& e) {
    conversation.thread_note = "the conversation could not be read from the network: " + e.detail();
  }
}

void audit_item(Poco::Data::Session& session, const Request& request, Timestamp at, const char* action,
                const store::Interaction& item, const std::string& detail) {
  store::AuditRepository(session).append(AuditEvent{0, at, request.user, action, "interaction", item.id.value, detail});
}

// A person's decision on an item, and what the network then did.
wire::InboxItem moderate(InboxServices& services, const Request& request, InteractionId id, const std::string& action) {
  const auto [item, account, login] = services.db.read([&](Poco::Data::Session& session) {
    auto found = require_visible_item(session, id, request.user);
    auto where = require_account(session, found.account);
    require_capability(session, where, request.user, "moderate");
    const auto user = store::UserRepository(session).find(request.user);
    return std::tuple{found, where, user ? user->login : std::string("someone")};
  });
  auto* network = services.plugins.find(account.network);
  const auto on_network = [&](auto act) -> std::optional<inbox::NetworkOutcome> {
    if (network == nullptr) return inbox::NetworkOutcome{item.visibility, "no plugin for " + account.network};
    try {
      const auto connection = services.db.read(
          [&](Poco::Data::Session& session) { return networks::open_connection(session, services.secrets, account); });
      return act(*network, connection);
    } catch (const Error& e) {
      return inbox::NetworkOutcome{item.visibility, "nothing was done on the network: " + e.detail()};
    }
  };

  std::optional<inbox::Judgement> judgement;
  std::optional<inbox::NetworkOutcome> outcome;
  if (action == "hide") {
    judgement = inbox::Moderator::by_person(item.decision, engagement::Action::hide, login);
    outcome = on_network([&](plugin::Network& n, const plugin::Connection& c) {
      return inbox::hide_on_network(n, c, item, kNetworkTimeout);
    });
  } else if (action == "unhide" || action == "keep") {
    judgement = inbox::Moderator::by_person(item.decision, engagement::Action::keep, login);
    if (item.visibility != store::Visibility::visible) {
      outcome = on_network([&](plugin::Network& n, const plugin::Connection& c) {
        return inbox::unhide_on_network(n, c, item, kNetworkTimeout);
      });
    }
  } else if (action == "review") {
    judgement = inbox::Moderator::by_person(item.decision, engagement::Action::review, login);
    judgement->needs_review = true;
  } else if (action == "delete") {
    // Only ever a person's choice; Kanal keeps its record of the comment (a public record).
    outcome = on_network([&](plugin::Network& n, const plugin::Connection& c) {
      return inbox::delete_on_network(n, c, item, kNetworkTimeout);
    });
  } else {
    const auto what = action == "mute"    ? plugin::ModerationAction::mute_author
                      : action == "block" ? plugin::ModerationAction::block_author
                                          : plugin::ModerationAction::report;
    outcome = on_network([&](plugin::Network& n, const plugin::Connection& c) {
      return inbox::act_on_author(n, c, item, what, kNetworkTimeout);
    });
  }
  const auto at = services.clock.now();
  return services.db.transact([&](Poco::Data::Session& session) {
    if (judgement) inbox::record_decision(session, item, *judgement, request.user, at);
    if (outcome) inbox::record_outcome(session, item, *outcome, request.user, at);
    return item_of(require_item(session, id), false);
  });
}

// The answer as the reply post it would become (not stored).
Post answer_post(InboxServices& services, const Request& request, const store::Interaction& item,
                 const wire::AnswerRequest& body) {
  const auto lists = services.documents.word_lists();
  Post post;
  post.author = request.user;
  post.text = body.text;
  post.language = body.language.empty() ? item.language : body.language;
  post.needs_expert_check = text::states_rights(post.text, post.language, *lists);
  post.reply_to = item.id;
  return post;
}

std::string steps_text(const std::vector<std::string>& steps) {
  std::string out;
  for (const auto& step : steps) out += (out.empty() ? "" : ", ") + step;
  return out;
}

wire::AnswerCheck check_answer(InboxServices& services, const Request& request, InteractionId id,
                               const wire::AnswerRequest& body) {
  const auto policy = services.documents.policy();
  return services.db.read([&](Poco::Data::Session& session) {
    const auto item = require_visible_item(session, id, request.user);
    const auto post = answer_post(services, request, item, body);
    const auto decisions = workflow::Approvals(session, *policy).decide(post, {item.account});
    std::vector<std::string> steps;
    for (const auto step : decisions.at(0).decision.steps) steps.emplace_back(workflow::to_string(step));
    return wire::AnswerCheck{steps_text(steps), decisions.at(0).decision.why, post.needs_expert_check};
  });
}

// An answer: a reply post, submitted by the policy; out at once when no step is needed.
wire::AnswerResult answer(InboxServices& services, const Request& request, InteractionId id,
                          const wire::AnswerRequest& body) {
  const auto policy = services.documents.policy();
  const auto at = services.clock.now();
  auto result = services.db.transact([&](Poco::Data::Session& session) {
    const auto item = require_visible_item(session, id, request.user);
    const auto account = require_account(session, item.account);
    require_capability(session, account, request.user, "answer");
    const auto answer = answer_post(services, request, item, body);
    store::NewPost draft;
    draft.author = answer.author;
    draft.text = answer.text;
    draft.language = answer.language;
    draft.needs_expert_check = answer.needs_expert_check;
    draft.reply_to = id;
    const auto post = store::PostRepository(session).create(draft, at);
    store::AuditRepository(session).append(
        AuditEvent{0, at, request.user, "post.create", "post", post.id.value, wire::to_json(post)});
    const auto review = workflow::Approvals(session, *policy).submit(post, {account.id}, request.user, at);
    wire::AnswerResult out{post.id, "", "", false};
    if (review.state == ReviewState::approved) {
      out.queued = inbox::queue_answer(session, services.plugins, *policy, post, {account.id}, at);
      if (!out.queued) out.waiting_for = "publishing is paused; publish it from Drafts afterwards";
    } else {
      out.waiting_for = steps_text(review.steps);
    }
    if (item.state == store::InboxState::new_) {
      store::InteractionRepository(session).assign(id, request.user);  // whoever answers has it
    }
    out.state = std::string(to_string(store::PostRepository(session).find(post.id)->state));
    return out;
  });
  if (result.queued && services.wake_publisher) services.wake_publisher();
  return result;
}

}  // namespace

void add_inbox_endpoints(Router& router, InboxServices services) {
  auto shared = std::make_shared<InboxServices>(services);

  router.add("GET", "/api/v1/inbox", Permission::read, [shared](const Request& request) {
    const auto query = inbox_query(request);
    const bool count = request.query_value("count").value_or("") == "true";
    const auto page = shared->db.read([&](Poco::Data::Session& session) {
      auto visible = query;
      visible.within = visible_accounts(session, request.user);
      store::InteractionRepository interactions(session);
      const auto found = interactions.page(visible);
      wire::InboxPage out;
      for (const auto& item : found.items) out.items.push_back(item_of(item, true));
      out.next_before = found.next_before;
      if (count) out.total = interactions.count(visible);
      return out;
    });
    return Response::json(200, wire::to_json(page));
  });

  router.add("GET", "/api/v1/inbox/answer-times", Permission::read, [shared](const Request& request) {
    const auto from = query_time(request, "from");
    const auto to = query_time(request, "to");
    const auto times = shared->db.read([&](Poco::Data::Session& session) {
      auto all = store::InteractionRepository(session).answer_times(from, to);
      const store::Viewer viewer(session, request.user);
      std::erase_if(all, [&](const auto& item) { return !viewer.sees_inbox(item.account); });
      return all;
    });
    std::vector<wire::WeeklyAnswerTime> weeks;
    for (const auto& week : inbox::weekly_answer_times(times)) {
      weeks.push_back({week.account, week.iso_year, week.iso_week, week.answered, week.unanswered,
                       week.median ? std::optional<std::int64_t>(week.median->count()) : std::nullopt});
    }
    return Response::json(200, wire::to_json(weeks));
  });

  router.add("POST", "/api/v1/inbox/sync", Permission::draft, [shared](const Request& request) {
    const auto doc = json::parse_json(request.body.empty() ? std::string("{}") : request.body);
    json::ObjectReader reader(doc);
    std::optional<AccountId> only;
    if (auto id = reader.optional_int("account_id", 1, std::numeric_limits<std::int64_t>::max())) only = AccountId{*id};
    reader.reject_unknown();
    // A person waits: what does not fit in the time comes with the next round.
    const auto report = shared->sync.sync_now(only, kSyncBudget);
    return Response::json(
        200, wire::to_json(wire::SyncResult{report.fetched, report.stored, report.duplicates, report.unreadable,
                                            report.hidden, report.to_review, report.more, report.problems}));
  });

  router.add("GET", "/api/v1/inbox/{id}", Permission::read, [shared](const Request& request) {
    const InteractionId id{request.path_id("id", "inbox item")};
    wire::Conversation conversation;
    const auto [item, account] = shared->db.read([&](Poco::Data::Session& session) {
      auto found = require_visible_item(session, id, request.user);
      auto where = require_account(session, found.account);
      conversation.item = item_of(found, false);
      if (found.post) {
        if (auto post = store::PostRepository(session).find(*found.post)) conversation.post_text = post->text;
      }
      for (const auto& post : store::PostRepository(session).answers_to(id)) {
        conversation.answers.push_back({post.id, post.text, std::string(to_string(post.state))});
      }
      return std::pair{found, where};
    });
    read_thread(*shared, account, item, conversation);
    return Response::json(200, wire::to_json(conversation));
  });

  router.add("POST", "/api/v1/inbox/{id}/moderate", Permission::draft, [shared](const Request& request) {
    const InteractionId id{request.path_id("id", "inbox item")};
    const auto body = wire::parse_moderate_request(request.body);
    return Response::json(200, wire::to_json(moderate(*shared, request, id, body.action)));
  });

  router.add("POST", "/api/v1/inbox/{id}/assign", Permission::draft, [shared](const Request& request) {
    const InteractionId id{request.path_id("id", "inbox item")};
    const auto body = wire::parse_assign_request(request.body);
    const auto at = shared->clock.now();
    const auto item = shared->db.transact([&](Poco::Data::Session& session) {
      auto found = require_visible_item(session, id, request.user);
      require_capability(session, require_account(session, found.account), request.user, "answer");
      if (body.user && !store::UserRepository(session).find(*body.user)) {
        throw Error(ErrorCode::invalid_input, "no user " + std::to_string(body.user->value), "user_id");
      }
      if (body.user && !store::Viewer(session, *body.user).sees_inbox(found.account)) {
        throw Error(ErrorCode::invalid_input, "that person does not work this account's inbox", "user_id");
      }
      store::InteractionRepository(session).assign(id, body.user);
      audit_item(session, request, at, "interaction.assign", found, wire::to_json(body));
      return item_of(require_item(session, id), false);
    });
    return Response::json(200, wire::to_json(item));
  });

  router.add("POST", "/api/v1/inbox/{id}/state", Permission::draft, [shared](const Request& request) {
    const InteractionId id{request.path_id("id", "inbox item")};
    const auto body = wire::parse_inbox_state_request(request.body);
    const auto at = shared->clock.now();
    const auto item = shared->db.transact([&](Poco::Data::Session& session) {
      auto found = require_visible_item(session, id, request.user);
      require_capability(session, require_account(session, found.account), request.user, "answer");
      // Opened again, an item goes back to where its history puts it.
      auto state = store::InboxState::done;
      if (body.state == "new") {
        state = found.first_answer_at ? store::InboxState::answered
                : found.assignee      ? store::InboxState::assigned
                                      : store::InboxState::new_;
      }
      store::InteractionRepository(session).set_state(id, state);
      audit_item(session, request, at, "interaction.state", found, wire::to_json(body));
      return item_of(require_item(session, id), false);
    });
    return Response::json(200, wire::to_json(item));
  });

  // Answering publishes: the roles that publish (a subject expert checks answers, not sends them).
  router.add("POST", "/api/v1/inbox/{id}/reply", Permission::publish, [shared](const Request& request) {
    const InteractionId id{request.path_id("id", "inbox item")};
    const auto body = wire::parse_answer_request(request.body);
    return Response::json(201, wire::to_json(answer(*shared, request, id, body)));
  });

  router.add("POST", "/api/v1/inbox/{id}/reply-check", Permission::read, [shared](const Request& request) {
    const InteractionId id{request.path_id("id", "inbox item")};
    const auto body = wire::parse_answer_request(request.body);
    return Response::json(200, wire::to_json(check_answer(*shared, request, id, body)));
  });

  router.add("GET", "/api/v1/saved-replies", Permission::read, [shared](const Request&) {
    const auto replies = shared->db.read([](Poco::Data::Session& session) {
      std::vector<wire::SavedReplyInfo> out;
      for (const auto& reply : store::InteractionRepository(session).saved_replies()) {
        out.push_back({reply.id, reply.name, reply.language, reply.text});
      }
      return out;
    });
    return Response::json(200, wire::to_json(replies));
  });

  router.add("POST", "/api/v1/saved-replies", Permission::draft, [shared](const Request& request) {
    const auto body = wire::parse_saved_reply(request.body, false);
    const auto at = shared->clock.now();
    const auto saved = shared->db.transact([&](Poco::Data::Session& session) {
      const auto reply =
          store::InteractionRepository(session).add_saved_reply(body.name, body.language, body.text, request.user, at);
      store::AuditRepository(session).append(
          AuditEvent{0, at, request.user, "saved_reply.create", "saved_reply", reply.id, wire::to_json(body)});
      return wire::SavedReplyInfo{reply.id, reply.name, reply.language, reply.text};
    });
    return Response::json(201, wire::to_json(saved));
  });

  router.add("DELETE", "/api/v1/saved-replies/{id}", Permission::draft, [shared](const Request& request) {
    const auto id = request.path_id("id", "saved reply");
    const auto at = shared->clock.now();
    shared->db.transact([&](Poco::Data::Session& session) {
      if (!store::InteractionRepository(session).remove_saved_reply(id)) {
        throw Error(ErrorCode::not_found, "no saved reply " + std::to_string(id));
      }
      store::AuditRepository(session).append(
          AuditEvent{0, at, request.user, "saved_reply.delete", "saved_reply", id, "{}"});
    });
    return Response::empty(204);
  });
}

}  // namespace kanal::api
