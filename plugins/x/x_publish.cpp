// Writing posts: threads as replies to the part before, images uploaded
// with their alt text. Exactly once without an idempotency key, with what
// the host's store keeps under the publication's key: each part's text as
// first sent (compared as X shows it), each part's id once X gives it, and,
// while a part is being sent, when. A later attempt with the same key (after
// a lost answer, a crash, X down mid-thread) looks for that part among the
// account's posts from shortly before then — the same text, answering the
// part before — and goes on after it if found. Only one part can be in that
// state, since parts go one at a time. X lists a new post after a moment:
// until a minute has passed, a part not found is an unknown outcome still,
// never a reason to send again.
#include <algorithm>

#include "core/json.h"
#include "x_network.h"

namespace kanal::x {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr int kMaxLookupPages = 5;                       // 500 posts around the moment a part was sent
constexpr auto kListedWithin = std::chrono::minutes(1);  // how long X may take to list a new post

struct PublicationState {
  std::vector<std::string> texts;  // each part as first sent, comparable (x_tweets.h)
  std::vector<std::string> ids;    // the parts X made, in order
  std::string sending_at;          // ISO 8601: the next part was sent then, and its answer not had
};

std::optional<PublicationState> read_state(const std::optional<std::string>& kept) {
  if (!kept) return std::nullopt;
  try {
    const auto doc = json::parse_json(*kept);
    PublicationState state;
    state.sending_at = string_at(doc, "sending_at");
    for (const auto& [key, list] : {std::pair{"texts", &state.texts}, std::pair{"ids", &state.ids}}) {
      if (const auto* items = member(doc, key); items && items->IsArray()) {
        for (const auto& item : items->GetArray()) {
          if (item.IsString()) list->emplace_back(item.GetString(), item.GetStringLength());
        }
      }
    }
    return state;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string written_state(const PublicationState& state) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    for (const auto& [key, list] : {std::pair{"texts", &state.texts}, std::pair{"ids", &state.ids}}) {
      w.Key(key);
      w.StartArray();
      for (const auto& item : *list) w.String(item.c_str(), static_cast<rapidjson::SizeType>(item.size()));
      w.EndArray();
    }
    json::write_string(w, "sending_at", state.sending_at);
    w.EndObject();
  });
}

// X takes start_time to the second.
std::string whole_seconds(Timestamp at) { return to_iso8601(at).substr(0, 19) + "Z"; }

}  // namespace

std::string XNetwork::upload(const XApi& api, const plugin::Media& media) const {
  const auto what = "uploading the image '" + media.filename + "'";
  const auto body = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "media", base64(media.content));
    json::write_string(w, "media_category", "tweet_image");
    w.EndObject();
  });
  // An upload attached to nothing is harmless: not a change that needs resolving.
  const auto answer = api.send("POST", "/2/media/upload", body, what, false);
  const auto* data = member(answer, "data");
  const auto id = data != nullptr ? string_at(*data, "id") : std::string();
  if (id.empty()) throw NetworkError(FailureKind::transient, "X's answer to " + what + " names no media");
  if (!media.description.empty()) {
    const auto metadata = json::written([&](json::JsonWriter& w) {
      w.StartObject();
      json::write_string(w, "id", id);
      w.Key("metadata");
      w.StartObject();
      w.Key("alt_text");
      w.StartObject();
      json::write_string(w, "text", media.description);
      w.EndObject();
      w.EndObject();
      w.EndObject();
    });
    api.send("POST", "/2/media/metadata", metadata, "giving the image '" + media.filename + "' its alt text", false);
  }
  return id;
}

std::optional<std::string> XNetwork::already_posted(const XApi& api, const std::string& account_id,
                                                    const std::string& comparable_text, const std::string& previous_id,
                                                    Timestamp sent_at) const {
  std::string page;
  for (int i = 0; i < kMaxLookupPages; ++i) {
    Query query{{"max_results", "100"},
                {"start_time", whole_seconds(sent_at - std::chrono::minutes(1))},
                {"tweet.fields", kTweetFields}};
    if (!page.empty()) query.emplace_back("pagination_token", page);
    const auto answer = api.get("/2/users/" + account_id + "/tweets", query, "looking for a post already made");
    for (const auto& tweet : tweets_of(answer)) {
      if (tweet.replied_to == previous_id && comparable(tweet.text) == comparable_text) return tweet.id;
    }
    const auto* meta = member(answer, "meta");
    page = meta != nullptr ? string_at(*meta, "next_token") : std::string();
    if (page.empty()) return std::nullopt;
  }
  // Not all read: it may be among the rest, so it is not sent again.
  throw NetworkError(FailureKind::unknown_outcome, "too many posts to look through for one that may have been made");
}

std::vector<std::string> XNetwork::post_parts(const XApi& api, const std::string& account_id,
                                              const std::vector<plugin::Part>& parts, const std::string& answering,
                                              const std::string& idempotency_key) {
  if (idempotency_key.empty()) throw NetworkError(FailureKind::rejected, "a publication without a key");
  const auto state_key = "publication." + idempotency_key;
  auto save = [&](const PublicationState& state) {
    std::lock_guard lock(state_mutex_);
    host_.save(state_key, written_state(state));
  };
  PublicationState state;
  {
    std::lock_guard lock(state_mutex_);
    if (auto kept = read_state(host_.load(state_key))) state = std::move(*kept);
  }
  if (state.texts.size() != parts.size()) {
    // The texts as first sent stand: what kanald makes of a post later (a
    // press contact's handle changed) must not hide a part already made.
    state.texts.clear();
    for (const auto& part : parts) state.texts.push_back(comparable(part));
  }
  const bool resumed = !state.sending_at.empty();
  if (resumed && state.ids.size() < parts.size()) {
    const auto sent_at = parse_iso8601(state.sending_at).value_or(host_.clock().now());
    const auto previous = state.ids.empty() ? answering : state.ids.back();
    if (const auto found = already_posted(api, account_id, state.texts[state.ids.size()], previous, sent_at)) {
      host_.log(plugin::LogLevel::information,
                "part " + std::to_string(state.ids.size() + 1) + " was already on X after an unknown outcome");
      state.ids.push_back(*found);
    } else if (host_.clock().now() - sent_at < kListedWithin) {
      throw NetworkError(FailureKind::unknown_outcome,
                         "X does not list the post sent at " + state.sending_at + " yet; looking again shortly",
                         sent_at + kListedWithin);
    }
    state.sending_at.clear();
  }
  save(state);

  for (std::size_t i = state.ids.size(); i < parts.size(); ++i) {
    const auto& part = parts[i];
    std::vector<std::string> media_ids;
    for (const auto& media : part.media) media_ids.push_back(upload(api, media));
    const auto previous = i == 0 ? answering : state.ids.back();
    const auto body = json::written([&](json::JsonWriter& w) {
      w.StartObject();
      json::write_string(w, "text", part.text);
      if (!previous.empty()) {
        w.Key("reply");
        w.StartObject();
        json::write_string(w, "in_reply_to_tweet_id", previous);
        w.EndObject();
      }
      if (!media_ids.empty()) {
        w.Key("media");
        w.StartObject();
        w.Key("media_ids");
        w.StartArray();
        for (const auto& id : media_ids) w.String(id.c_str());
        w.EndArray();
        w.EndObject();
      }
      w.EndObject();
    });
    const auto what = parts.size() > 1 ? "posting part " + std::to_string(i + 1) + " of the thread" : "posting";
    state.sending_at = to_iso8601(host_.clock().now());
    save(state);  // before it goes: a crash from here on is an unknown outcome
    std::string id;
    try {
      id = created_post_id(api.answer("POST", "/2/tweets", body, what, true), api, what, resumed);
    } catch (const NetworkError& e) {
      if (e.kind() != FailureKind::unknown_outcome) {
        state.sending_at.clear();  // certainly not made
        save(state);
      }
      throw;
    }
    state.ids.push_back(id);
    state.sending_at.clear();
    try {
      save(state);
    } catch (const std::exception& e) {
      throw NetworkError(FailureKind::unknown_outcome, what + " was done, but Kanal could not note it: " + e.what());
    }
  }
  return state.ids;
}

std::string XNetwork::created_post_id(const net::HttpResponse& response, const XApi& api, const std::string& what,
                                      bool resumed) const {
  if (response.status < 200 || response.status >= 300) {
    // After an unknown outcome, "duplicate content" says the part may well be
    // there already: looked for again, never taken as refused.
    if (resumed && is_duplicate(response)) {
      throw NetworkError(FailureKind::unknown_outcome, what + ": X says the same text was just posted");
    }
    throw x_failure(response, what, true, api.cap_resets_at());
  }
  rapidjson::Document answer;
  try {
    answer = parse_answer(response.body, what);
  } catch (const NetworkError& e) {
    throw NetworkError(FailureKind::unknown_outcome, e.reason());  // it was done; only the answer is unreadable
  }
  const auto* data = member(answer, "data");
  const auto id = data != nullptr ? string_at(*data, "id") : std::string();
  if (!is_post_id(id)) throw NetworkError(FailureKind::unknown_outcome, "X's answer to " + what + " names no post");
  return id;
}

Future<plugin::Published> XNetwork::publish(const plugin::Connection& connection,
                                            const plugin::Publication& publication) {
  if (publication.parts.empty()) return plugin::failed<plugin::Published>(FailureKind::rejected, "nothing to publish");
  return executor_.submit([this, connection, publication] {
    const auto ids =
        post_parts(api(connection), connection.account_id, publication.parts, "", publication.idempotency_key);
    return plugin::Published{ids.front(), post_url(setting("web_url", "https://x.com"), ids.front()), ids};
  });
}

Future<plugin::Published> XNetwork::reply(const plugin::Connection& connection, const plugin::ReplyRequest& reply) {
  if (reply.direct) {
    return plugin::failed<plugin::Published>(FailureKind::rejected, "Kanal does not send direct messages on X");
  }
  if (!is_post_id(reply.in_reply_to_id)) {
    return plugin::failed<plugin::Published>(FailureKind::rejected, "'" + reply.in_reply_to_id + "' is not an X post");
  }
  return executor_.submit([this, connection, reply] {
    const std::vector<plugin::Part> parts{plugin::Part{reply.text, {}, reply.entities}};
    const auto ids =
        post_parts(api(connection), connection.account_id, parts, reply.in_reply_to_id, reply.idempotency_key);
    return plugin::Published{ids.front(), post_url(setting("web_url", "https://x.com"), ids.front()), ids};
  });
}

Future<Done> XNetwork::remove(const plugin::Connection& connection, const std::string& network_id) {
  if (!is_post_id(network_id))
    return plugin::failed<Done>(FailureKind::rejected, "'" + network_id + "' is not an X post");
  return executor_.submit([this, connection, network_id] {
    const auto account = api(connection);
    const auto response = account.answer("DELETE", "/2/tweets/" + network_id, "", "deleting the post", true);
    if (response.status == 404) return Done{};  // already gone: the goal is met
    if (response.status < 200 || response.status >= 300) {
      throw x_failure(response, "deleting the post", true, account.cap_resets_at());
    }
    return Done{};
  });
}

}  // namespace kanal::x
