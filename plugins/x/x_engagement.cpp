// What comes back: mentions of the account and replies to it from its
// mentions timeline (newer than the last id seen), the conversation around
// a post, and what can be done about a reply — hide or unhide it, mute its
// author. X's API offers apps neither blocking nor reporting.
#include <algorithm>
#include <set>

#include "core/json.h"
#include "x_network.h"

namespace kanal::x {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr int kMaxPages = 10;  // X keeps the latest 800 mentions: ten pages of 100 reach them all
constexpr int kMaxAncestors = 20;
constexpr int kMaxConversationPages = 5;

Query with_people(Query query) {
  query.emplace_back("tweet.fields", kTweetFields);
  query.emplace_back("expansions", "author_id");
  query.emplace_back("user.fields", "username,name");
  return query;
}

void by_age(std::vector<plugin::Interaction>& items) {
  std::sort(items.begin(), items.end(),
            [](const auto& a, const auto& b) { return newer_id(b.network_id, a.network_id); });
}

}  // namespace

// X pages the mentions timeline from the newest back; `since_id` stops it at
// the cursor Kanal keeps (the newest id it has seen).
Future<plugin::InteractionPage> XNetwork::fetch_interactions(const plugin::Connection& connection,
                                                             const std::string& cursor) {
  return executor_.submit([this, connection, cursor] {
    const auto account = api(connection);
    plugin::InteractionPage result;
    std::string newest = cursor;
    std::string page;
    for (int i = 0; i < kMaxPages; ++i) {
      Query query{{"max_results", "100"}};
      if (!cursor.empty()) query.emplace_back("since_id", cursor);
      if (!page.empty()) query.emplace_back("pagination_token", page);
      const auto answer =
          account.get("/2/users/" + connection.account_id + "/mentions", with_people(query), "reading mentions");
      const auto people = people_of(answer);
      for (const auto& tweet : tweets_of(answer, &result.unreadable)) {
        if (tweet.author_id == connection.account_id) continue;  // the account's own thread parts
        if (newer_id(tweet.id, newest)) newest = tweet.id;
        result.items.push_back(interaction_of(tweet, people, connection.account_id));
        result.items.back().url = post_url(setting("web_url", "https://x.com"), tweet.id);
      }
      const auto* meta = member(answer, "meta");
      page = meta != nullptr ? string_at(*meta, "next_token") : std::string();
      if (page.empty()) break;
    }
    by_age(result.items);
    result.next_cursor = newest;
    return result;
  });
}

// The posts it answers, up to the conversation's start, and the replies
// under it from the conversation (X's recent search covers seven days).
Future<plugin::Thread> XNetwork::fetch_thread(const plugin::Connection& connection, const std::string& network_id) {
  return executor_.submit([this, connection, network_id] {
    const auto account = api(connection);
    const auto web = setting("web_url", "https://x.com");
    auto read_one = [&](const std::string& id) {
      if (!is_post_id(id)) throw NetworkError(FailureKind::rejected, "'" + id + "' is not an X post");
      const auto answer = account.get("/2/tweets/" + id, with_people({}), "reading the conversation");
      const auto tweets = tweets_of(answer);
      if (tweets.empty()) throw NetworkError(FailureKind::rejected, "the post " + id + " is no longer on X");
      auto item = interaction_of(tweets.front(), people_of(answer), connection.account_id);
      item.url = post_url(web, item.network_id);
      return std::pair{tweets.front(), item};
    };
    plugin::Thread thread;
    const auto [post, _] = read_one(network_id);
    for (auto parent = post.replied_to; !parent.empty() && thread.ancestors.size() < kMaxAncestors;) {
      try {
        auto [tweet, item] = read_one(parent);
        thread.ancestors.insert(thread.ancestors.begin(), item);
        parent = tweet.replied_to;
      } catch (const NetworkError& e) {
        if (e.kind() != FailureKind::rejected) throw;
        break;  // a post it answers was deleted: the conversation starts after it
      }
    }
    if (post.conversation_id.empty()) return thread;
    std::vector<std::pair<Tweet, plugin::Interaction>> conversation;
    std::string page;
    for (int i = 0; i < kMaxConversationPages; ++i) {
      Query query{{"query", "conversation_id:" + post.conversation_id}, {"max_results", "100"}};
      if (!page.empty()) query.emplace_back("next_token", page);
      const auto answer = account.get("/2/tweets/search/recent", with_people(query), "reading the conversation");
      const auto people = people_of(answer);
      for (const auto& tweet : tweets_of(answer)) {
        auto item = interaction_of(tweet, people, connection.account_id);
        item.url = post_url(web, tweet.id);
        conversation.emplace_back(tweet, std::move(item));
      }
      const auto* meta = member(answer, "meta");
      page = meta != nullptr ? string_at(*meta, "next_token") : std::string();
      if (page.empty()) break;
    }
    // The replies under the post: those whose chain of answers reaches it.
    std::set<std::string> under{network_id};
    bool grew = true;
    while (grew) {
      grew = false;
      for (const auto& [tweet, item] : conversation) {
        if (!under.contains(tweet.id) && under.contains(tweet.replied_to)) {
          under.insert(tweet.id);
          thread.descendants.push_back(item);
          grew = true;
        }
      }
    }
    by_age(thread.descendants);
    return thread;
  });
}

Future<Done> XNetwork::moderate(const plugin::Connection& connection, const plugin::ModerationRequest& request) {
  using plugin::ModerationAction;
  switch (request.action) {
    case ModerationAction::block_author:
      return plugin::failed<Done>(FailureKind::rejected,
                                  "X's API does not let apps block: block the author in X itself, or mute them here");
    case ModerationAction::report:
      return plugin::failed<Done>(FailureKind::rejected, "X takes reports only in its own app: report the post there");
    case ModerationAction::delete_comment:
      return plugin::failed<Done>(FailureKind::rejected,
                                  "X lets an account delete only its own posts: hide it instead");
    default: break;
  }
  if (!is_post_id(request.interaction_id) ||
      (request.action == ModerationAction::mute_author && !is_post_id(request.author_id))) {
    return plugin::failed<Done>(FailureKind::rejected, "not an X post or user");
  }
  return executor_.submit([this, connection, request] {
    const auto account = api(connection);
    if (request.action == ModerationAction::mute_author) {
      const auto body = json::written([&](json::JsonWriter& w) {
        w.StartObject();
        json::write_string(w, "target_user_id", request.author_id);
        w.EndObject();
      });
      account.send("POST", "/2/users/" + connection.account_id + "/muting", body, "muting the author", false);
      return Done{};
    }
    const bool hide = request.action == ModerationAction::hide;
    const auto body = json::written([&](json::JsonWriter& w) {
      w.StartObject();
      w.Key("hidden");
      w.Bool(hide);
      w.EndObject();
    });
    account.send("PUT", "/2/tweets/" + request.interaction_id + "/hidden", body,
                 hide ? "hiding the reply" : "showing the reply again", false);
    return Done{};
  });
}

}  // namespace kanal::x
