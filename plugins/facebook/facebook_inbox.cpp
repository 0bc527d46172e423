// What comes back to the page: comments and answers on its posts, posts
// visitors write on it, and posts that mention it; the conversation around
// a comment; hiding and unhiding a comment (seen then by its author and
// their friends only), and blocking a person from the page.
//
// Graph has no single list of what is new: the cursor is the newest time
// seen. Each round reads the page's feed back to the posts that were last
// updated before it (a new comment updates its post) and the comments on
// those posts since the cursor, less a minute, as Meta lists some late;
// kanald keeps each comment once however often it comes.
#include <algorithm>

#include "facebook_items.h"
#include "facebook_network.h"

namespace kanal::facebook {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr int kMaxFeedPages = 10;      // 1,000 posts updated since the last round
constexpr int kMaxCommentPages = 100;  // 10,000 comments on one post in one round
constexpr auto kFirstLook = std::chrono::hours(24 * 14);
constexpr auto kLateListing = std::chrono::minutes(1);
constexpr const char* kCommentFields = "id,message,from,created_time,parent,is_hidden,permalink_url";
constexpr const char* kPostFields = "id,message,from,created_time,updated_time,permalink_url";

// Each page of an edge, newest first or in Graph's order, until `more` says stop.
}  // namespace

Future<plugin::InteractionPage> FacebookNetwork::fetch_interactions(const plugin::Connection& connection,
                                                                    const std::string& cursor) {
  return executor_.submit([this, connection, cursor] {
    const auto page = app_.as(connection);
    const auto page_id = meta::access_of(connection.credentials).page_id;
    const auto since = meta::cursor_time(cursor).value_or(app_.now() - kFirstLook) - kLateListing;
    plugin::InteractionPage result;
    auto newest = meta::cursor_time(cursor).value_or(since);
    const auto keep = [&](std::optional<plugin::Interaction> item) {
      if (!item || item->created_at < since || item->author.network_account_id == page_id) return;
      newest = std::max(newest, item->created_at);
      result.items.push_back(std::move(*item));
    };

    // The posts on the page that changed since: the page's own and visitors'.
    std::vector<std::string> changed;
    meta::each_page(page, "/" + page_id + "/feed", {{"fields", kPostFields}, {"limit", "100"}}, kMaxFeedPages,
                    "reading the page's posts", [&](const rapidjson::Value& post) {
                      const auto updated = meta::graph_time(meta::string_at(post, "updated_time"));
                      const auto created = meta::graph_time(meta::string_at(post, "created_time"));
                      if (updated && *updated < since && created && *created < since) return false;  // older from here
                      const auto id = meta::string_at(post, "id");
                      if (meta::is_graph_id(id)) changed.push_back(id);
                      // A visitor's post on the page is addressed to it.
                      keep(interaction_of(post, plugin::InteractionKind::mention, "", result.unreadable));
                      return true;
                    });
    for (const auto& post_id : changed) {
      meta::each_page(page, "/" + post_id + "/comments",
                      {{"fields", kCommentFields},
                       {"filter", "stream"},
                       {"order", "chronological"},
                       {"since", meta::unix_seconds(since)},
                       {"limit", "100"}},
                      kMaxCommentPages, "reading the comments", [&](const rapidjson::Value& comment) {
                        keep(interaction_of(comment, plugin::InteractionKind::reply, post_id, result.unreadable));
                        return true;
                      });
    }
    // Posts elsewhere that mention the page.
    meta::each_page(page, "/" + page_id + "/tagged", {{"fields", kPostFields}, {"limit", "100"}}, kMaxFeedPages,
                    "reading the posts that mention the page", [&](const rapidjson::Value& post) {
                      const auto created = meta::graph_time(meta::string_at(post, "created_time"));
                      if (created && *created < since) return false;
                      keep(interaction_of(post, plugin::InteractionKind::mention, "", result.unreadable));
                      return true;
                    });
    std::sort(result.items.begin(), result.items.end(),
              [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
    result.next_cursor = meta::unix_seconds(newest);
    return result;
  });
}

// The post a comment is on and the comment it answers, then the answers under it.
Future<plugin::Thread> FacebookNetwork::fetch_thread(const plugin::Connection& connection,
                                                     const std::string& network_id) {
  if (!meta::is_graph_id(network_id)) {
    return plugin::failed<plugin::Thread>(FailureKind::rejected, "'" + network_id + "' is not a Facebook comment");
  }
  return executor_.submit([this, connection, network_id] {
    const auto page = app_.as(connection);
    plugin::Thread thread;
    std::vector<std::string> unreadable;
    const auto comment =
        page.get("/" + network_id, {{"fields", std::string(kCommentFields) + ",object"}}, "reading the conversation");
    // Meta names the object a comment is on only for photos and videos; a
    // comment on a post has the id POST_COMMENT, and the post PAGE_POST.
    const auto* object = meta::member(comment, "object");
    auto post_id = object != nullptr ? meta::string_at(*object, "id") : std::string();
    if (post_id.empty() && network_id.find('_') != std::string::npos) {
      post_id = meta::access_of(connection.credentials).page_id + "_" + network_id.substr(0, network_id.find('_'));
    }
    if (meta::is_graph_id(post_id)) {
      const auto post = page.get("/" + post_id, {{"fields", kPostFields}}, "reading the post commented on");
      if (auto item = interaction_of(post, plugin::InteractionKind::mention, "", unreadable)) {
        thread.ancestors.push_back(std::move(*item));
      }
    }
    if (const auto* parent = meta::member(comment, "parent")) {
      const auto parent_id = meta::string_at(*parent, "id");
      if (meta::is_graph_id(parent_id)) {
        const auto answered = page.get("/" + parent_id, {{"fields", kCommentFields}}, "reading the comment answered");
        if (auto item = interaction_of(answered, plugin::InteractionKind::reply, post_id, unreadable)) {
          thread.ancestors.push_back(std::move(*item));
        }
      }
    }
    meta::each_page(page, "/" + network_id + "/comments", {{"fields", kCommentFields}, {"order", "chronological"}}, 10,
                    "reading the answers", [&](const rapidjson::Value& answer) {
                      if (auto item = interaction_of(answer, plugin::InteractionKind::reply, network_id, unreadable)) {
                        thread.descendants.push_back(std::move(*item));
                      }
                      return true;
                    });
    return thread;
  });
}

Future<Done> FacebookNetwork::moderate(const plugin::Connection& connection, const plugin::ModerationRequest& request) {
  using plugin::ModerationAction;
  if (request.action == ModerationAction::mute_author || request.action == ModerationAction::report) {
    return plugin::failed<Done>(FailureKind::rejected,
                                "a Facebook page cannot mute or report a person through Meta's API: hide the "
                                "comment, or block its author from the page");
  }
  const auto id = request.action == ModerationAction::block_author ? request.author_id : request.interaction_id;
  if (!meta::is_graph_id(id)) {
    return plugin::failed<Done>(FailureKind::rejected, "'" + id + "' is not a Facebook comment or person");
  }
  return executor_.submit([this, connection, request, id] {
    const auto page = app_.as(connection);
    if (request.action == ModerationAction::block_author) {
      const auto page_id = meta::access_of(connection.credentials).page_id;
      page.post("/" + page_id + "/blocked", {{"user", id}}, "blocking the person from the page", false);
      return Done{};
    }
    if (request.action == ModerationAction::delete_comment) {
      meta::delete_comment(page, id);
      return Done{};
    }
    const bool hide = request.action == ModerationAction::hide;
    const auto what = std::string(hide ? "hiding" : "showing") + " the comment";
    const auto response = page.answer("POST", "/" + id, {{"is_hidden", hide ? "true" : "false"}}, what, false);
    if (meta::is_gone(response)) {
      throw NetworkError(FailureKind::rejected, what + ": the comment is no longer on Facebook (deleted)");
    }
    page.read(response, what, false);
    return Done{};
  });
}

}  // namespace kanal::facebook
