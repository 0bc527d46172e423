// Writing posts: threads as replies to the part before, images uploaded
// with their alt text. Exactly once without an idempotency key: before the
// first part is sent, the publication's start is kept in the host's store
// under its key, and each part's id as X gives it. A later attempt with the
// same key (after a lost answer, a crash, X down mid-thread) first looks
// among the account's posts since that start for the parts not yet known —
// same text, answering the part before — and goes on at the first part not
// found.
#include <algorithm>

#include "core/json.h"
#include "x_network.h"

namespace kanal::x {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr int kMaxLookupPages = 5;  // 500 recent posts: more than any account makes in a publication's life

struct PublicationState {
  std::string since;  // ISO 8601: when the first attempt began
  std::vector<std::string> ids;
};

std::optional<PublicationState> read_state(const std::optional<std::string>& kept) {
  if (!kept) return std::nullopt;
  try {
    const auto doc = json::parse_json(*kept);
    PublicationState state{string_at(doc, "since"), {}};
    if (const auto* ids = member(doc, "ids"); ids && ids->IsArray()) {
      for (const auto& id : ids->GetArray()) {
        if (id.IsString()) state.ids.emplace_back(id.GetString());
      }
    }
    if (!state.since.empty()) return state;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

std::string written_state(const PublicationState& state) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "since", state.since);
    w.Key("ids");
    w.StartArray();
    for (const auto& id : state.ids) w.String(id.c_str());
    w.EndArray();
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

std::vector<std::string> XNetwork::already_posted(const XApi& api, const std::string& account_id,
                                                  const std::vector<plugin::Part>& parts, std::size_t from,
                                                  const std::string& previous_id, Timestamp since) const {
  std::vector<Tweet> recent;
  std::string page;
  for (int i = 0; i < kMaxLookupPages; ++i) {
    Query query{{"max_results", "100"},
                {"start_time", whole_seconds(since - std::chrono::minutes(1))},
                {"tweet.fields", kTweetFields}};
    if (!page.empty()) query.emplace_back("pagination_token", page);
    const auto answer = api.get("/2/users/" + account_id + "/tweets", query, "looking for posts already made");
    const auto tweets = tweets_of(answer);
    recent.insert(recent.end(), tweets.begin(), tweets.end());
    const auto* meta = member(answer, "meta");
    page = meta != nullptr ? string_at(*meta, "next_token") : std::string();
    if (page.empty()) break;
  }
  std::vector<std::string> found;
  auto previous = previous_id;
  for (std::size_t i = from; i < parts.size(); ++i) {
    const auto wanted = comparable(parts[i]);
    const auto match = std::find_if(recent.begin(), recent.end(), [&](const Tweet& tweet) {
      return tweet.replied_to == previous && comparable(tweet.text) == wanted;
    });
    if (match == recent.end()) break;
    found.push_back(match->id);
    previous = match->id;
  }
  return found;
}

std::vector<std::string> XNetwork::post_parts(const XApi& api, const std::string& account_id,
                                              const std::vector<plugin::Part>& parts, const std::string& answering,
                                              const std::string& idempotency_key) {
  const auto state_key = "publication." + idempotency_key;
  PublicationState state;
  bool resumed = false;  // an attempt before this one began
  {
    std::lock_guard lock(state_mutex_);
    const auto kept = read_state(host_.load(state_key));
    resumed = kept.has_value();
    if (kept) {
      state = *kept;
    } else {
      state.since = to_iso8601(host_.clock().now());
      host_.save(state_key, written_state(state));  // before anything is sent
    }
  }
  auto save = [&] {
    std::lock_guard lock(state_mutex_);
    host_.save(state_key, written_state(state));
  };
  if (resumed && state.ids.size() < parts.size()) {
    const auto since = parse_iso8601(state.since).value_or(host_.clock().now() - std::chrono::hours(1));
    const auto found = already_posted(api, account_id, parts, state.ids.size(),
                                      state.ids.empty() ? answering : state.ids.back(), since);
    if (!found.empty()) {
      host_.log(plugin::LogLevel::information, "found " + std::to_string(found.size()) +
                                                   " part(s) already on X after an unknown outcome; not sent again");
      state.ids.insert(state.ids.end(), found.begin(), found.end());
      save();
    }
  }
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
    const auto answer = api.send("POST", "/2/tweets", body, what, true);
    const auto* data = member(answer, "data");
    const auto id = data != nullptr ? string_at(*data, "id") : std::string();
    if (id.empty()) throw NetworkError(FailureKind::unknown_outcome, "X's answer to " + what + " names no post");
    state.ids.push_back(id);
    save();
  }
  return state.ids;
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
  return executor_.submit([this, connection, reply] {
    const std::vector<plugin::Part> parts{plugin::Part{reply.text, {}, reply.entities}};
    const auto ids =
        post_parts(api(connection), connection.account_id, parts, reply.in_reply_to_id, reply.idempotency_key);
    return plugin::Published{ids.front(), post_url(setting("web_url", "https://x.com"), ids.front()), ids};
  });
}

Future<Done> XNetwork::remove(const plugin::Connection& connection, const std::string& network_id) {
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
