// What comes back: replies, mentions and quotes from the notifications
// (newer than a cursor), the conversation around a post, and what can be
// done about a reply — hide it with the thread's threadgate, mute or block
// its author, report it to the moderation service.
#include <algorithm>

#include "bluesky_network.h"
#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"

namespace kanal::bluesky {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr std::size_t kNotificationsPerPage = 50;
constexpr int kMaxPages = 20;  // a thousand notifications back at most in one sync

std::string raw_json(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

// The server pages notifications from the newest back; the cursor Kanal
// keeps is the newest indexedAt it has seen, so a sync walks back to it and
// hands over what is newer, oldest first.
Future<plugin::InteractionPage> BlueskyNetwork::fetch_interactions(const plugin::Connection& connection,
                                                                   const std::string& cursor) {
  return executor_.submit([this, connection, cursor] {
    const auto account = open(connection);
    const auto web = web_url();
    plugin::InteractionPage result;
    std::string newest = cursor;
    std::string page_cursor;
    for (int page = 0; page < kMaxPages; ++page) {
      Query query{{"limit", std::to_string(kNotificationsPerPage)}};
      if (!page_cursor.empty()) query.emplace_back("cursor", page_cursor);
      const auto answer = account.pds.query("app.bsky.notification.listNotifications", query, "reading notifications");
      NotificationPage read;
      try {
        read = parse_notifications(answer, cursor, web);
      } catch (const Error& e) {
        throw NetworkError(FailureKind::transient, "the notifications are malformed: " + e.detail());
      }
      // An older page goes before what was read so far.
      result.items.insert(result.items.begin(), read.items.begin(), read.items.end());
      result.unreadable.insert(result.unreadable.end(), read.unreadable.begin(), read.unreadable.end());
      if (read.newest_indexed_at > newest) newest = read.newest_indexed_at;
      const bool reached_cursor =
          !cursor.empty() && !read.oldest_indexed_at.empty() && read.oldest_indexed_at <= cursor;
      if (reached_cursor || read.cursor.empty() || read.oldest_indexed_at.empty()) break;
      page_cursor = read.cursor;
    }
    result.next_cursor = newest;
    return result;
  });
}

Future<plugin::Thread> BlueskyNetwork::fetch_thread(const plugin::Connection& connection,
                                                    const std::string& network_id) {
  return executor_.submit([this, connection, network_id] {
    const auto account = open(connection);
    const auto answer =
        account.pds.query("app.bsky.feed.getPostThread", {{"uri", network_id}, {"depth", "10"}, {"parentHeight", "20"}},
                          "reading the conversation");
    try {
      return parse_thread(answer, web_url());
    } catch (const Error& e) {
      throw NetworkError(FailureKind::transient, "the conversation is malformed: " + e.detail());
    }
  });
}

// The threadgate of the thread's root post (rkey = the root's) lists the
// hidden replies; Kanal keeps its other rules (who may reply) as they are.
Done BlueskyNetwork::set_hidden(const Account& account, const std::string& reply_uri, bool hidden) const {
  const auto refs = reply_refs(account, reply_uri);
  const auto root = parse_at_uri(refs.root.uri);
  if (refs.root.uri == reply_uri || !root) throw NetworkError(FailureKind::rejected, "this post is not a reply");
  if (root->repo != account.session.did) {
    throw NetworkError(
        FailureKind::rejected,
        "Bluesky lets an account hide replies only in threads it started; mute, block or report instead");
  }
  constexpr const char* kGate = "app.bsky.feed.threadgate";
  std::vector<std::string> hidden_replies;
  std::string allow;  // who may reply, as the gate says (absent: everyone)
  std::string created_at = to_iso8601(host_.clock().now());
  const auto existing = account.pds.send("GET", "com.atproto.repo.getRecord",
                                         {{"repo", account.session.did}, {"collection", kGate}, {"rkey", root->rkey}},
                                         {}, {}, false, "reading the thread's gate");
  if (existing.status == 200) {
    const auto answer = parse_answer(existing.body, "reading the thread's gate");
    if (answer.HasMember("value") && answer["value"].IsObject()) {
      const auto& gate = answer["value"];
      if (gate.HasMember("hiddenReplies") && gate["hiddenReplies"].IsArray()) {
        for (const auto& uri : gate["hiddenReplies"].GetArray()) {
          if (uri.IsString()) hidden_replies.emplace_back(uri.GetString());
        }
      }
      if (gate.HasMember("allow")) allow = raw_json(gate["allow"]);
      if (!string_at(gate, "createdAt").empty()) created_at = string_at(gate, "createdAt");
    }
  } else if (xrpc_error_name(existing) != "RecordNotFound") {
    throw xrpc_failure(existing, "reading the thread's gate");
  }
  std::erase(hidden_replies, reply_uri);
  if (hidden) hidden_replies.push_back(reply_uri);
  const auto body = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "repo", account.session.did);
    json::write_string(w, "collection", kGate);
    json::write_string(w, "rkey", root->rkey);
    w.Key("record");
    w.StartObject();
    json::write_string(w, "$type", kGate);
    json::write_string(w, "post", refs.root.uri);
    json::write_string(w, "createdAt", created_at);
    if (!allow.empty()) {
      w.Key("allow");
      w.RawValue(allow.c_str(), allow.size(), rapidjson::kArrayType);
    }
    w.Key("hiddenReplies");
    w.StartArray();
    for (const auto& uri : hidden_replies) w.String(uri.c_str());
    w.EndArray();
    w.EndObject();
    w.EndObject();
  });
  // Writing the whole gate again is the same gate: safe to resend.
  account.pds.procedure("com.atproto.repo.putRecord", body, hidden ? "hiding the reply" : "showing the reply", false);
  return Done{};
}

Future<Done> BlueskyNetwork::moderate(const plugin::Connection& connection, const plugin::ModerationRequest& request) {
  return executor_.submit([this, connection, request] {
    using plugin::ModerationAction;
    const auto account = open(connection);
    switch (request.action) {
      case ModerationAction::hide:
      case ModerationAction::unhide:
        return set_hidden(account, request.interaction_id, request.action == ModerationAction::hide);
      case ModerationAction::mute_author: {
        if (request.author_id.empty()) throw NetworkError(FailureKind::rejected, "muting needs the comment's author");
        account.pds.procedure("app.bsky.graph.muteActor", json::written([&](json::JsonWriter& w) {
                                w.StartObject();
                                json::write_string(w, "actor", request.author_id);
                                w.EndObject();
                              }),
                              "muting the author", false);
        return Done{};
      }
      case ModerationAction::block_author: {
        if (request.author_id.empty()) throw NetworkError(FailureKind::rejected, "blocking needs the comment's author");
        const auto body = json::written([&](json::JsonWriter& w) {
          w.StartObject();
          json::write_string(w, "repo", account.session.did);
          json::write_string(w, "collection", "app.bsky.graph.block");
          w.Key("record");
          w.StartObject();
          json::write_string(w, "$type", "app.bsky.graph.block");
          json::write_string(w, "subject", request.author_id);
          json::write_string(w, "createdAt", to_iso8601(host_.clock().now()));
          w.EndObject();
          w.EndObject();
        });
        account.pds.procedure("com.atproto.repo.createRecord", body, "blocking the author", true);
        return Done{};
      }
      case ModerationAction::delete_comment:
        throw NetworkError(FailureKind::rejected,
                           "Bluesky lets an account delete only its own posts: hide it in the thread instead");
      case ModerationAction::report: {
        // The post itself; when the AppView no longer shows it to the
        // account (its author is blocked), its author instead.
        std::optional<StrongRef> post;
        try {
          post = reply_refs(account, request.interaction_id).parent;
        } catch (const NetworkError& e) {
          if (e.kind() != FailureKind::rejected || request.author_id.empty()) throw;
        }
        const auto body = json::written([&](json::JsonWriter& w) {
          w.StartObject();
          json::write_string(w, "reasonType", "com.atproto.moderation.defs#reasonRude");
          json::write_string(w, "reason", utf8::prefix(request.reason, 2000));
          w.Key("subject");
          w.StartObject();
          if (post) {
            json::write_string(w, "$type", "com.atproto.repo.strongRef");
            json::write_string(w, "uri", post->uri);
            json::write_string(w, "cid", post->cid);
          } else {
            json::write_string(w, "$type", "com.atproto.admin.defs#repoRef");
            json::write_string(w, "did", request.author_id);
          }
          w.EndObject();
          w.EndObject();
        });
        account.pds.procedure("com.atproto.moderation.createReport", body, "reporting the post", false);
        return Done{};
      }
    }
    throw NetworkError(FailureKind::rejected, "unknown moderation action");
  });
}

}  // namespace kanal::bluesky
