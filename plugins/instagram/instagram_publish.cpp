// Writing to Instagram: a photo, or a carousel of up to ten, with caption
// and alt text, through containers (made, processed by Instagram, then
// published); answers to comments; deletion. Each made exactly once
// (meta/exactly_once.h): the containers made are kept, and after an unknown
// outcome the account's media are searched before anything is published.
#include <thread>

#include "core/json.h"
#include "instagram_network.h"

namespace kanal::instagram {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr auto kClockSlack = std::chrono::minutes(10);  // Meta's clock and this machine's may differ
// Instagram processes an image in seconds; past this the attempt ends and the next one waits on.
constexpr auto kReadyWithin = std::chrono::seconds(20);

}  // namespace

void InstagramNetwork::check_publishing_limit(const GraphApi& api, const std::string& id) const {
  const auto answer = api.get("/" + id + "/content_publishing_limit", {{"fields", "config,quota_usage"}},
                              "reading the account's publishing limit");
  const auto* data = meta::member(answer, "data");
  if (data == nullptr || !data->IsArray() || data->Empty()) return;
  const auto& limit = (*data)[0];
  const auto used = meta::count_at(limit, "quota_usage");
  const auto* config = meta::member(limit, "config");
  const auto total = config != nullptr ? meta::count_at(*config, "quota_total") : std::nullopt;
  if (used && total && *used >= *total) {
    // The limit counts a rolling 24 hours: an hour on, an earlier post may have aged out.
    const auto until = app_.now() + std::chrono::hours(1);
    throw NetworkError(FailureKind::rate_limited,
                       "Instagram's limit of " + std::to_string(*total) +
                           " posts per 24 hours for this account is reached; the post is held and Kanal tries again "
                           "at " +
                           to_iso8601(until).substr(11, 5) + " UTC",
                       until);
  }
}

std::string InstagramNetwork::container(const GraphApi& api, const meta::PageAccess& access, const plugin::Media& media,
                                        const std::string& caption, bool carousel_item,
                                        std::vector<std::string>& hosted) const {
  const auto what = "preparing the image '" + media.filename + "'";
  // Hosted on the linked page, unpublished: Instagram reads it from Meta's own servers.
  const auto photo =
      api.upload("/" + access.page_id + "/photos", {{"published", "false"}, {"temporary", "true"}}, media, what);
  const auto photo_id = meta::string_at(photo, "id");
  if (!meta::is_graph_id(photo_id)) throw NetworkError(FailureKind::transient, "Meta's answer names no photo");
  hosted.push_back(photo_id);
  const auto read = api.get("/" + photo_id, {{"fields", "images"}}, what);
  std::string image_url;
  if (const auto* images = meta::member(read, "images"); images != nullptr && images->IsArray() && !images->Empty()) {
    image_url = meta::string_at((*images)[0], "source");  // the largest first
  }
  if (image_url.empty()) throw NetworkError(FailureKind::transient, what + ": Meta gives no address for the photo");
  Params form{{"image_url", image_url}};
  if (!media.description.empty()) form.emplace_back("alt_text", media.description);
  if (carousel_item) {
    form.emplace_back("is_carousel_item", "true");
  } else {
    form.emplace_back("caption", caption);
  }
  // A container is nothing anyone sees until published: not a change that needs resolving.
  const auto made = api.post("/" + access.instagram_id + "/media", form, what, false);
  const auto id = meta::string_at(made, "id");
  if (!meta::is_graph_id(id)) throw NetworkError(FailureKind::transient, "Meta's answer names no container");
  return id;
}

void InstagramNetwork::wait_until_ready(const GraphApi& api, const std::string& container_id) const {
  const auto started = std::chrono::steady_clock::now();
  auto pause = std::chrono::milliseconds(250);
  while (true) {
    const auto answer =
        api.get("/" + container_id, {{"fields", "status_code,status"}}, "asking whether Instagram is ready");
    const auto code = meta::string_at(answer, "status_code");
    if (code == "FINISHED" || code == "PUBLISHED") return;
    if (code == "ERROR") {
      throw NetworkError(FailureKind::rejected,
                         "Instagram could not process the image: " + meta::string_at(answer, "status"));
    }
    if (code == "EXPIRED") {
      throw NetworkError(FailureKind::transient, "Instagram let the prepared image expire; it is prepared again");
    }
    if (std::chrono::steady_clock::now() - started > kReadyWithin) {
      throw NetworkError(FailureKind::transient,
                         "Instagram is still processing the image; Kanal publishes it when it is ready");
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(4000));
  }
}

std::optional<std::string> InstagramNetwork::find_media(const GraphApi& api, const std::string& id,
                                                        const std::string& text, Timestamp sent_at) const {
  const auto answer = api.get(
      "/" + id + "/media",
      {{"fields", "id,caption,timestamp"}, {"since", meta::unix_seconds(sent_at - kClockSlack)}, {"limit", "100"}},
      "looking for a post already made");
  if (const auto* data = meta::member(answer, "data"); data != nullptr && data->IsArray()) {
    for (const auto& media : data->GetArray()) {
      const auto media_id = meta::string_at(media, "id");
      if (meta::comparable(meta::string_at(media, "caption")) == text && meta::is_graph_id(media_id)) return media_id;
    }
  }
  return std::nullopt;  // at most 25 posts a day: a hundred cover the moment it was sent
}

std::optional<std::string> InstagramNetwork::find_reply(const GraphApi& api, const std::string& id,
                                                        const std::string& comment_id, const std::string& text) const {
  const auto answer =
      api.get("/" + comment_id + "/replies", {{"fields", "id,text,from"}}, "looking for an answer already made");
  if (const auto* data = meta::member(answer, "data"); data != nullptr && data->IsArray()) {
    for (const auto& reply : data->GetArray()) {
      const auto* from = meta::member(reply, "from");
      if (from != nullptr && meta::string_at(*from, "id") == id &&
          meta::comparable(meta::string_at(reply, "text")) == text && meta::is_graph_id(meta::string_at(reply, "id"))) {
        return meta::string_at(reply, "id");
      }
    }
  }
  return std::nullopt;
}

Future<plugin::Published> InstagramNetwork::publish(const plugin::Connection& connection,
                                                    const plugin::Publication& publication) {
  if (publication.parts.size() != 1) {
    return plugin::failed<plugin::Published>(FailureKind::rejected,
                                             "an Instagram post is one caption: a thread cannot be posted there");
  }
  if (publication.parts.front().media.empty()) {
    return plugin::failed<plugin::Published>(FailureKind::rejected,
                                             "an Instagram post needs at least one photo (JPEG)");
  }
  return executor_.submit([this, connection, publication] {
    const auto api = app_.as(connection);
    const auto access = meta::access_of(connection.credentials);
    const auto id = instagram_id(connection);
    const auto& part = publication.parts.front();
    const bool carousel = part.media.size() > 1;
    const auto prepare = [&](meta::Attempt& attempt, const std::function<void()>& save) {
      check_publishing_limit(api, id);
      if (attempt.media.size() > part.media.size()) attempt.media.clear();
      for (auto i = attempt.media.size(); i < part.media.size(); ++i) {
        attempt.media.push_back(container(api, access, part.media[i], part.text, carousel, attempt.hosted));
        save();
      }
    };
    const auto send = [&](const meta::Attempt& attempt) {
      for (const auto& item : attempt.media) wait_until_ready(api, item);
      auto creation = attempt.media.front();
      if (carousel) {
        std::string children;
        for (const auto& item : attempt.media) children += (children.empty() ? "" : ",") + item;
        const auto made =
            api.post("/" + id + "/media", {{"media_type", "CAROUSEL"}, {"children", children}, {"caption", part.text}},
                     "preparing the carousel", false);
        creation = meta::string_at(made, "id");
        if (!meta::is_graph_id(creation)) throw NetworkError(FailureKind::transient, "Meta's answer names no carousel");
        wait_until_ready(api, creation);
      }
      const auto published =
          api.post("/" + id + "/media_publish", {{"creation_id", creation}}, "publishing on Instagram", true);
      const auto media_id = meta::string_at(published, "id");
      if (!meta::is_graph_id(media_id)) throw NetworkError(FailureKind::unknown_outcome, "Meta's answer names no post");
      // The hosted photos have served: nobody needs them now.
      for (const auto& photo : attempt.hosted) {
        try {
          api.answer("DELETE", "/" + photo, {}, "removing the hosted photo", false);
        } catch (const std::exception& e) {
          host_.log(plugin::LogLevel::warning,
                    "a hosted photo stays unpublished on the page: " + std::string(e.what()));
        }
      }
      return media_id;
    };
    const auto find = [&](const meta::Attempt& attempt, Timestamp sent_at) {
      return find_media(api, id, attempt.text, sent_at);
    };
    const auto media_id = once_.make(publication.idempotency_key, part.text, prepare, send, find);
    std::string url = "https://www.instagram.com/";
    try {
      url = meta::string_at(api.get("/" + media_id, {{"fields", "permalink"}}, "reading the post's address"),
                            "permalink");
    } catch (const NetworkError&) {
      // made all the same: the address is a convenience
    }
    return plugin::Published{media_id, url, {media_id}};
  });
}

Future<plugin::Published> InstagramNetwork::reply(const plugin::Connection& connection,
                                                  const plugin::ReplyRequest& reply) {
  if (reply.direct) {
    return plugin::failed<plugin::Published>(FailureKind::rejected, "Kanal does not send direct messages on Instagram");
  }
  if (!meta::is_graph_id(reply.in_reply_to_id)) {
    return plugin::failed<plugin::Published>(FailureKind::rejected,
                                             "'" + reply.in_reply_to_id + "' is not an Instagram comment");
  }
  return executor_.submit([this, connection, reply] {
    const auto api = app_.as(connection);
    const auto id = instagram_id(connection);
    const auto send = [&](const meta::Attempt&) {
      const auto answer =
          api.post("/" + reply.in_reply_to_id + "/replies", {{"message", reply.text}}, "answering the comment", true);
      const auto made = meta::string_at(answer, "id");
      if (!meta::is_graph_id(made)) throw NetworkError(FailureKind::unknown_outcome, "Meta's answer names no comment");
      return made;
    };
    const auto find = [&](const meta::Attempt& attempt, Timestamp) {
      return find_reply(api, id, reply.in_reply_to_id, attempt.text);
    };
    const auto made = once_.make(
        reply.idempotency_key, reply.text, [](meta::Attempt&, const std::function<void()>&) {}, send, find);
    return plugin::Published{made, "", {made}};
  });
}

Future<Done> InstagramNetwork::remove(const plugin::Connection& connection, const std::string& network_id) {
  if (!meta::is_graph_id(network_id)) {
    return plugin::failed<Done>(FailureKind::rejected, "'" + network_id + "' is not an Instagram post");
  }
  return executor_.submit([this, connection, network_id] {
    const auto api = app_.as(connection);
    const auto response = api.answer("DELETE", "/" + network_id, {}, "deleting the post", true);
    if (meta::is_gone(response)) return Done{};  // the goal is met
    api.read(response, "deleting the post", true);
    return Done{};
  });
}

}  // namespace kanal::instagram
