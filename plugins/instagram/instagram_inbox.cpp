// What comes back to the account: comments and answers on its recent media,
// and media that mention it; the conversation around a comment; hiding and
// unhiding a comment. Instagram's API offers a business account neither
// muting, blocking nor reporting.
//
// Media carry no time of their last comment: each round reads the comments
// on the account's media of the last 30 days, keeping those since the
// cursor (the newest time seen) less a minute, as Meta lists some late;
// kanald keeps each comment once however often it comes.
#include <algorithm>

#include "instagram_items.h"
#include "instagram_network.h"

namespace kanal::instagram {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr int kMaxMediaPages = 10;
constexpr int kMaxCommentPages = 100;  // 10,000 comments on one post in one round
constexpr auto kRecentMedia = std::chrono::hours(24 * 30);
constexpr auto kFirstLook = std::chrono::hours(24 * 14);
constexpr auto kLateListing = std::chrono::minutes(1);
constexpr const char* kCommentFields = "id,text,timestamp,from,username,hidden";

}  // namespace

Future<plugin::InteractionPage> InstagramNetwork::fetch_interactions(const plugin::Connection& connection,
                                                                     const std::string& cursor) {
  return executor_.submit([this, connection, cursor] {
    const auto api = app_.as(connection);
    const auto id = instagram_id(connection);
    const auto since = meta::cursor_time(cursor).value_or(app_.now() - kFirstLook) - kLateListing;
    plugin::InteractionPage result;
    auto newest = meta::cursor_time(cursor).value_or(since);
    const auto keep = [&](std::optional<plugin::Interaction> item) {
      if (!item || item->created_at < since || item->author.network_account_id == id) return;
      newest = std::max(newest, item->created_at);
      result.items.push_back(std::move(*item));
    };
    std::vector<std::string> commented;
    meta::each_page(api, "/" + id + "/media",
                    {{"fields", "id,timestamp,comments_count"},
                     {"since", meta::unix_seconds(app_.now() - kRecentMedia)},
                     {"limit", "100"}},
                    kMaxMediaPages, "reading the account's posts", [&](const rapidjson::Value& media) {
                      const auto media_id = meta::string_at(media, "id");
                      if (meta::is_graph_id(media_id) && meta::count_at(media, "comments_count").value_or(1) > 0) {
                        commented.push_back(media_id);
                      }
                      return true;
                    });
    for (const auto& media_id : commented) {
      meta::each_page(
          api, "/" + media_id + "/comments",
          {{"fields", std::string(kCommentFields) + ",replies{" + kCommentFields + "}"}, {"limit", "100"}},
          kMaxCommentPages, "reading the comments", [&](const rapidjson::Value& comment) {
            auto top = interaction_of(comment, plugin::InteractionKind::reply, media_id, "text", result.unreadable);
            const auto comment_id = top ? top->network_id : std::string();
            keep(std::move(top));
            const auto* replies = meta::member(comment, "replies");
            const auto* data = replies != nullptr ? meta::member(*replies, "data") : nullptr;
            if (data != nullptr && data->IsArray() && !comment_id.empty()) {
              for (const auto& reply : data->GetArray()) {
                keep(interaction_of(reply, plugin::InteractionKind::reply, comment_id, "text", result.unreadable));
              }
            }
            return true;
          });
    }
    // Media by others that tag the account.
    meta::each_page(api, "/" + id + "/tags", {{"fields", "id,caption,timestamp,username,permalink"}, {"limit", "100"}},
                    kMaxMediaPages, "reading the posts that mention the account", [&](const rapidjson::Value& media) {
                      auto item =
                          interaction_of(media, plugin::InteractionKind::mention, "", "caption", result.unreadable);
                      if (item && item->created_at < since) return false;
                      keep(std::move(item));
                      return true;
                    });
    std::sort(result.items.begin(), result.items.end(),
              [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
    result.next_cursor = meta::unix_seconds(newest);
    return result;
  });
}

// The comment answered (when it is an answer) and the answers under it.
Future<plugin::Thread> InstagramNetwork::fetch_thread(const plugin::Connection& connection,
                                                      const std::string& network_id) {
  if (!meta::is_graph_id(network_id)) {
    return plugin::failed<plugin::Thread>(FailureKind::rejected, "'" + network_id + "' is not an Instagram comment");
  }
  return executor_.submit([this, connection, network_id] {
    const auto api = app_.as(connection);
    plugin::Thread thread;
    std::vector<std::string> unreadable;
    const auto comment = api.get("/" + network_id, {{"fields", std::string(kCommentFields) + ",parent_id,media"}},
                                 "reading the conversation");
    const auto parent_id = meta::string_at(comment, "parent_id");
    if (meta::is_graph_id(parent_id)) {
      const auto parent = api.get("/" + parent_id, {{"fields", kCommentFields}}, "reading the comment answered");
      if (auto item = interaction_of(parent, plugin::InteractionKind::reply, "", "text", unreadable)) {
        thread.ancestors.push_back(std::move(*item));
      }
    }
    meta::each_page(
        api, "/" + network_id + "/replies", {{"fields", kCommentFields}}, 10, "reading the answers",
        [&](const rapidjson::Value& reply) {
          if (auto item = interaction_of(reply, plugin::InteractionKind::reply, network_id, "text", unreadable)) {
            thread.descendants.push_back(std::move(*item));
          }
          return true;
        });
    return thread;
  });
}

Future<Done> InstagramNetwork::moderate(const plugin::Connection& connection,
                                        const plugin::ModerationRequest& request) {
  using plugin::ModerationAction;
  if (request.action != ModerationAction::hide && request.action != ModerationAction::unhide &&
      request.action != ModerationAction::delete_comment) {
    return plugin::failed<Done>(FailureKind::rejected,
                                "Instagram's API lets a business account hide or delete a comment, not mute, block "
                                "or report its author");
  }
  if (!meta::is_graph_id(request.interaction_id)) {
    return plugin::failed<Done>(FailureKind::rejected, "'" + request.interaction_id + "' is not an Instagram comment");
  }
  return executor_.submit([this, connection, request] {
    const auto api = app_.as(connection);
    if (request.action == ModerationAction::delete_comment) {
      meta::delete_comment(api, request.interaction_id);
      return Done{};
    }
    const bool hide = request.action == ModerationAction::hide;
    const auto what = std::string(hide ? "hiding" : "showing") + " the comment";
    const auto response =
        api.answer("POST", "/" + request.interaction_id, {{"hide", hide ? "true" : "false"}}, what, false);
    if (meta::is_gone(response)) {
      throw NetworkError(FailureKind::rejected, what + ": the comment is no longer on Instagram (deleted)");
    }
    api.read(response, what, false);
    return Done{};
  });
}

}  // namespace kanal::instagram
