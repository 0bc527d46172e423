// Writing to the page: posts with a link or photos (uploaded unpublished
// with their alt text, then attached), answers to comments, deletion; each
// made exactly once (meta/exactly_once.h), looked for among the page's posts
// or the comment's answers after an unknown outcome.
#include "core/json.h"
#include "facebook_network.h"

namespace kanal::facebook {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr int kMaxLookupPages = 5;                      // 500 posts around the moment one was sent
constexpr auto kClockSlack = std::chrono::minutes(10);  // Meta's clock and this machine's may differ

std::string with_scheme(const std::string& link) {
  return link.starts_with("http://") || link.starts_with("https://") ? link : "https://" + link;
}

}  // namespace

std::optional<std::string> FacebookNetwork::find_post(const GraphApi& page, const std::string& page_id,
                                                      const std::string& text, Timestamp sent_at) const {
  std::optional<std::string> found;
  const bool unread = meta::each_page(
      page, "/" + page_id + "/published_posts",
      {{"fields", "id,message,created_time"}, {"since", meta::unix_seconds(sent_at - kClockSlack)}, {"limit", "100"}},
      kMaxLookupPages, "looking for a post already made", [&](const rapidjson::Value& post) {
        const auto id = meta::string_at(post, "id");
        if (meta::comparable(meta::string_at(post, "message")) == text && meta::is_graph_id(id)) found = id;
        return !found;
      });
  // Not all read: it may be among the rest, so it is not sent again.
  if (!found && unread) {
    throw NetworkError(FailureKind::unknown_outcome, "too many posts to look through for one that may have been made");
  }
  return found;
}

std::optional<std::string> FacebookNetwork::find_comment(const GraphApi& page, const std::string& page_id,
                                                         const std::string& object_id, const std::string& text,
                                                         Timestamp sent_at) const {
  std::optional<std::string> found;
  bool older = false;
  const bool unread =
      meta::each_page(page, "/" + object_id + "/comments",
                      {{"fields", "id,message,from,created_time"},
                       {"filter", "toplevel"},
                       {"order", "reverse_chronological"},
                       {"limit", "100"}},
                      kMaxLookupPages, "looking for an answer already made", [&](const rapidjson::Value& comment) {
                        const auto made = meta::graph_time(meta::string_at(comment, "created_time"));
                        older = made && *made < sent_at - kClockSlack;  // newest first: the rest is older still
                        const auto* from = meta::member(comment, "from");
                        const auto id = meta::string_at(comment, "id");
                        if (!older && from != nullptr && meta::string_at(*from, "id") == page_id &&
                            meta::comparable(meta::string_at(comment, "message")) == text && meta::is_graph_id(id)) {
                          found = id;
                        }
                        return !found && !older;
                      });
  if (!found && !older && unread) {
    throw NetworkError(FailureKind::unknown_outcome,
                       "too many answers to look through for one that may have been made");
  }
  return found;
}

Future<plugin::Published> FacebookNetwork::publish(const plugin::Connection& connection,
                                                   const plugin::Publication& publication) {
  if (publication.parts.size() != 1) {
    return plugin::failed<plugin::Published>(FailureKind::rejected,
                                             "a Facebook page's post is one text: a thread cannot be posted there");
  }
  return executor_.submit([this, connection, publication] {
    const auto page = app_.as(connection);
    const auto page_id = meta::access_of(connection.credentials).page_id;
    const auto& part = publication.parts.front();
    const auto prepare = [&](meta::Attempt& attempt, const std::function<void()>& save) {
      // Uploaded unpublished, each photo is kept by id: a resend attaches them, not copies.
      if (attempt.media.size() > part.media.size()) attempt.media.clear();
      for (auto i = attempt.media.size(); i < part.media.size(); ++i) {
        const auto& media = part.media[i];
        Params fields{{"published", "false"}};
        if (!media.description.empty()) fields.emplace_back("alt_text_custom", media.description);
        const auto answer =
            page.upload("/" + page_id + "/photos", fields, media, "uploading the photo '" + media.filename + "'");
        const auto id = meta::string_at(answer, "id");
        if (!meta::is_graph_id(id)) {
          throw NetworkError(FailureKind::transient, "Meta's answer to uploading a photo names no photo");
        }
        attempt.media.push_back(id);
        save();
      }
    };
    const auto send = [&](const meta::Attempt& attempt) {
      Params form{{"message", part.text}};
      if (!attempt.media.empty()) {
        const auto attached = json::written([&](json::JsonWriter& w) {
          w.StartArray();
          for (const auto& id : attempt.media) {
            w.StartObject();
            json::write_string(w, "media_fbid", id);
            w.EndObject();
          }
          w.EndArray();
        });
        form.emplace_back("attached_media", attached);
      } else {
        // The first link is the post's preview card.
        for (const auto& entity : part.entities) {
          if (entity.kind == plugin::TextEntity::link) {
            form.emplace_back("link", with_scheme(entity.value));
            break;
          }
        }
      }
      const auto what = std::string("posting to the page");
      const auto answer = page.post("/" + page_id + "/feed", form, what, true);
      const auto id = meta::string_at(answer, "id");
      if (!meta::is_graph_id(id)) throw NetworkError(FailureKind::unknown_outcome, "Meta's answer names no post");
      return id;
    };
    const auto find = [&](const meta::Attempt& attempt, Timestamp sent_at) {
      return find_post(page, page_id, attempt.text, sent_at);
    };
    const auto id = once_.make(publication.idempotency_key, part.text, prepare, send, find);
    return plugin::Published{id, post_url(id), {id}};
  });
}

Future<plugin::Published> FacebookNetwork::reply(const plugin::Connection& connection,
                                                 const plugin::ReplyRequest& reply) {
  if (reply.direct) {
    return plugin::failed<plugin::Published>(FailureKind::rejected,
                                             "Kanal does not send private messages as a Facebook page");
  }
  if (!meta::is_graph_id(reply.in_reply_to_id)) {
    return plugin::failed<plugin::Published>(FailureKind::rejected,
                                             "'" + reply.in_reply_to_id + "' is not a Facebook comment or post");
  }
  return executor_.submit([this, connection, reply] {
    const auto page = app_.as(connection);
    const auto page_id = meta::access_of(connection.credentials).page_id;
    const auto send = [&](const meta::Attempt&) {
      const auto answer =
          page.post("/" + reply.in_reply_to_id + "/comments", {{"message", reply.text}}, "answering as the page", true);
      const auto id = meta::string_at(answer, "id");
      if (!meta::is_graph_id(id)) throw NetworkError(FailureKind::unknown_outcome, "Meta's answer names no comment");
      return id;
    };
    const auto find = [&](const meta::Attempt& attempt, Timestamp sent_at) {
      // Facebook files an answer to an answer under the comment that began the thread.
      const auto answered =
          page.get("/" + reply.in_reply_to_id, {{"fields", "parent"}}, "reading the comment answered");
      const auto* parent = meta::member(answered, "parent");
      const auto parent_id = parent != nullptr ? meta::string_at(*parent, "id") : std::string();
      const auto under = meta::is_graph_id(parent_id) ? parent_id : reply.in_reply_to_id;
      return find_comment(page, page_id, under, attempt.text, sent_at);
    };
    const auto id = once_.make(
        reply.idempotency_key, reply.text, [](meta::Attempt&, const std::function<void()>&) {}, send, find);
    return plugin::Published{id, post_url(id), {id}};
  });
}

Future<Done> FacebookNetwork::remove(const plugin::Connection& connection, const std::string& network_id) {
  if (!meta::is_graph_id(network_id)) {
    return plugin::failed<Done>(FailureKind::rejected, "'" + network_id + "' is not a Facebook post");
  }
  return executor_.submit([this, connection, network_id] {
    const auto page = app_.as(connection);
    const auto response = page.answer("DELETE", "/" + network_id, {}, "deleting the post", true);
    if (meta::is_gone(response)) return Done{};  // the goal is met
    page.read(response, "deleting the post", true);
    return Done{};
  });
}

}  // namespace kanal::facebook
