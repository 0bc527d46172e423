// The sandbox's notifications (what the audience did), conversations
// (context), accounts and their followers, and what an agency can do about
// a commenter: mute, block, report.
#include <algorithm>
#include <charconv>
#include <set>

#include "core/error.h"
#include "sandbox/entities.h"
#include "sandbox/mastodon_api.h"

namespace kanal::sandbox {

using json::JsonWriter;

namespace {

int page_limit(const api::Request& request, int fallback, int most) {
  int limit = fallback;
  if (auto text = request.query_value("limit")) {
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (ec != std::errc{} || end != text->data() + text->size() || limit < 1) limit = fallback;
  }
  return std::min(limit, most);
}

// Mastodon's paging: newest first; max_id pages back in time, since_id
// takes the newest after an id, min_id the oldest after it.
std::vector<const Notification*> page_of(std::vector<const Notification*> all, const api::Request& request) {
  const auto max_id = request.query_value("max_id").value_or("");
  const auto since_id = request.query_value("since_id").value_or("");
  const auto min_id = request.query_value("min_id").value_or("");
  const auto limit = static_cast<std::size_t>(page_limit(request, 40, 80));
  std::erase_if(all, [&](const Notification* n) {
    return (!max_id.empty() && !id_less(n->id, max_id)) || (!since_id.empty() && !id_less(since_id, n->id)) ||
           (!min_id.empty() && !id_less(min_id, n->id));
  });
  std::sort(all.begin(), all.end(), [](auto* a, auto* b) { return id_less(a->id, b->id); });  // oldest first
  if (!min_id.empty()) {
    if (all.size() > limit) all.resize(limit);  // the oldest right after min_id
  } else if (all.size() > limit) {
    all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(limit));  // the newest
  }
  std::reverse(all.begin(), all.end());
  return all;
}

}  // namespace

void add_interaction_routes(api::Router& router, SandboxState& state, const std::string& base_url) {
  router.add("GET", "/api/v1/notifications", [&state, base_url](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    const auto* account = authorized(request, state);
    if (account == nullptr) return unauthorized();
    const auto types = request.query_values("types[]");
    const auto excluded = request.query_values("exclude_types[]");
    auto all = state.notifications_for(account->id);
    std::erase_if(all, [&](const Notification* n) {
      return (!types.empty() && std::find(types.begin(), types.end(), n->type) == types.end()) ||
             std::find(excluded.begin(), excluded.end(), n->type) != excluded.end() ||
             (!n->status_id.empty() && state.status(n->status_id) == nullptr);  // deleted since
    });
    const auto page = page_of(std::move(all), request);
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartArray();
    for (const auto* notification : page) write_notification(w, state, *notification, base_url);
    w.EndArray();
    auto response = json_response(200, buffer);
    if (!page.empty()) {
      const auto link = base_url + "/api/v1/notifications?";
      response.headers["Link"] = "<" + link + "max_id=" + page.back()->id + ">; rel=\"next\", <" + link +
                                 "min_id=" + page.front()->id + ">; rel=\"prev\"";
    }
    return response;
  });

  // The sandbox's extension (Mastodon has no such call): the author of a
  // post hides a reply to it, or shows it again. Announced in the instance's
  // api_versions as "kanal_sandbox".
  for (const bool hide : {true, false}) {
    router.add("POST", std::string("/api/v1/kanal_sandbox/statuses/{id}/") + (hide ? "hide" : "unhide"),
               [&state, hide](const api::Request& request) {
                 std::lock_guard lock(state.mutex());
                 const auto* account = authorized(request, state);
                 if (account == nullptr) return unauthorized();
                 auto* status = state.status(request.path_params.at("id"));
                 if (!state.extensions() || status == nullptr || status->deleted) {
                   return mastodon_error(404, "Record not found");
                 }
                 if (status->in_reply_to_account_id != account->id) {
                   return mastodon_error(422, "Only the author of the post it replies to can hide a reply");
                 }
                 status->hidden = hide;
                 return api::Response::json(
                     200, std::string("{\"id\":\"") + status->id + "\",\"hidden\":" + (hide ? "true" : "false") + "}");
               });
  }

  router.add("GET", "/api/v1/statuses/{id}/context", [&state, base_url](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    const auto* status = state.status(request.path_params.at("id"));
    if (status == nullptr) return mastodon_error(404, "Record not found");
    std::vector<const Status*> ancestors;
    for (auto* parent = state.status(status->in_reply_to_id); parent != nullptr && ancestors.size() < 100;
         parent = state.status(parent->in_reply_to_id)) {
      ancestors.insert(ancestors.begin(), parent);
    }
    // Descendants in reply order: each reply under its parent, depth first.
    std::vector<const Status*> descendants;
    std::vector<std::string> stack{status->id};
    while (!stack.empty() && descendants.size() < 4000) {
      const auto parent = stack.back();
      stack.pop_back();
      std::vector<const Status*> children;
      for (const auto& candidate : state.statuses()) {
        if (!candidate.deleted && candidate.in_reply_to_id == parent) children.push_back(&candidate);
      }
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back((*it)->id);
      if (parent != status->id) descendants.push_back(state.status(parent));
    }
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("ancestors");
    w.StartArray();
    for (const auto* item : ancestors) write_status(w, state, *item, base_url);
    w.EndArray();
    w.Key("descendants");
    w.StartArray();
    for (const auto* item : descendants) write_status(w, state, *item, base_url);
    w.EndArray();
    w.EndObject();
    return json_response(200, buffer);
  });

  router.add("GET", "/api/v1/accounts/{id}", [&state, base_url](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    const auto* account = state.account(request.path_params.at("id"));
    if (account == nullptr) return mastodon_error(404, "Record not found");
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_account(w, *account, state, base_url);
    return json_response(200, buffer);
  });

  // The audience members who followed, newest first (the rest of the count
  // are people the sandbox does not model one by one).
  router.add("GET", "/api/v1/accounts/{id}/followers", [&state, base_url](const api::Request& request) {
    std::lock_guard lock(state.mutex());
    const auto id = request.path_params.at("id");
    if (state.account(id) == nullptr) return mastodon_error(404, "Record not found");
    const auto limit = static_cast<std::size_t>(page_limit(request, 40, 80));
    std::vector<const SandboxAccount*> followers;
    auto notifications = state.notifications_for(id);
    for (auto it = notifications.rbegin(); it != notifications.rend() && followers.size() < limit; ++it) {
      if ((*it)->type != "follow") continue;
      const auto* follower = state.account((*it)->from_account_id);
      if (follower != nullptr && std::find(followers.begin(), followers.end(), follower) == followers.end()) {
        followers.push_back(follower);
      }
    }
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartArray();
    for (const auto* follower : followers) write_account(w, *follower, state, base_url);
    w.EndArray();
    return json_response(200, buffer);
  });

  // mute, unmute, block, unblock: a set of the agency's, and whether the other joins or leaves it.
  const struct {
    const char* verb;
    std::set<std::string> SandboxAccount::*list;
    bool add;
  } kRelationships[] = {{"mute", &SandboxAccount::muted, true},
                        {"unmute", &SandboxAccount::muted, false},
                        {"block", &SandboxAccount::blocked, true},
                        {"unblock", &SandboxAccount::blocked, false}};
  for (const auto& relationship : kRelationships) {
    router.add("POST", std::string("/api/v1/accounts/{id}/") + relationship.verb,
               [&state, relationship](const api::Request& request) {
                 std::lock_guard lock(state.mutex());
                 auto* owner = authorized(request, state);
                 if (owner == nullptr) return unauthorized();
                 const auto other = request.path_params.at("id");
                 if (state.account(other) == nullptr || other == owner->id) {
                   return mastodon_error(404, "Record not found");
                 }
                 auto& list = owner->*relationship.list;
                 if (relationship.add) {
                   list.insert(other);
                 } else {
                   list.erase(other);
                 }
                 rapidjson::StringBuffer buffer;
                 JsonWriter w(buffer);
                 write_relationship(w, *owner, other);
                 return json_response(200, buffer);
               });
  }

  router.add("POST", "/api/v1/reports", [&state, base_url](const api::Request& request) {
    auto fields = read_fields(request);
    std::lock_guard lock(state.mutex());
    const auto* account = authorized(request, state);
    if (account == nullptr) return unauthorized();
    Report report;
    report.account_id = account->id;
    report.target_account_id = fields.get("account_id");
    if (state.account(report.target_account_id) == nullptr) return mastodon_error(404, "Record not found");
    report.comment = fields.get("comment");
    report.category = fields.get("category").empty() ? "other" : fields.get("category");
    std::string ids = fields.get("status_ids");
    for (std::size_t start = 0; start < ids.size();) {
      const auto comma = std::min(ids.find(',', start), ids.size());
      if (comma > start) report.status_ids.push_back(ids.substr(start, comma - start));
      start = comma + 1;
    }
    const auto& added = state.add_report(std::move(report));
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_report(w, state, added, base_url);
    return json_response(200, buffer);
  });
}

}  // namespace kanal::sandbox
