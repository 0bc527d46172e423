#pragma once
// What Kanal writes to a Bluesky repository (posts with facets, images and
// reply references; threadgates; blocks) and reads back from the AppView
// (notifications, threads, posts, profiles): every field checked.

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

#include "kanal/plugin/network.h"

namespace kanal::bluesky {

// A record as the repository names it: its URI and content hash.
struct StrongRef {
  std::string uri;
  std::string cid;
};

struct ReplyRefs {
  StrongRef root;
  StrongRef parent;
};

// An uploaded image: the blob object uploadBlob answered, as it goes into
// the record, with the alt text and the picture's shape.
struct ImageRef {
  std::string blob_json;
  std::string alt;
  std::optional<std::pair<int, int>> size;  // width, height in pixels
};

// A facet's feature: a link (uri), a mention (did) or a hashtag (tag), at
// UTF-8 bytes [byte_start, byte_end) of the text.
struct Facet {
  plugin::TextEntity::Kind kind = plugin::TextEntity::link;
  std::size_t byte_start = 0;
  std::size_t byte_end = 0;
  std::string value;
};

struct PostRecord {
  std::string text;
  std::vector<Facet> facets;
  std::vector<ImageRef> images;
  std::optional<ReplyRefs> reply;
  std::string language;
  std::string created_at;  // RFC 3339, kept with the record key so a resend is the same record
};

// The record's JSON (app.bsky.feed.post).
std::string post_record_json(const PostRecord& post);

// A link as a facet carries it: with a scheme ("kanal.example/x" gains https://).
std::string link_uri(const std::string& written);

// The width and height of a PNG, JPEG, GIF or WebP image, where its header says.
std::optional<std::pair<int, int>> image_size(const std::string& bytes);

// The interactions in a listNotifications answer that are newer than
// `after` (an indexedAt; empty: all), oldest first; items that cannot be
// read are named in `unreadable`.
struct NotificationPage {
  std::vector<plugin::Interaction> items;
  std::string newest_indexed_at;  // of everything on the page
  std::string oldest_indexed_at;
  std::string cursor;  // for the page before this one; empty at the end
  std::vector<std::string> unreadable;
};
NotificationPage parse_notifications(const rapidjson::Document& answer, const std::string& after,
                                     const std::string& web_url);

// A post view (getPosts, a thread) as an interaction.
plugin::Interaction interaction_of(const rapidjson::Value& post_view, const std::string& web_url);
plugin::Thread parse_thread(const rapidjson::Document& answer, const std::string& web_url);

plugin::PostMetrics post_metrics_of(const rapidjson::Value& post_view);

// The web address of a post: WEB/profile/HANDLE/post/RKEY.
std::string post_url(const std::string& web_url, const std::string& handle, const std::string& uri);

}  // namespace kanal::bluesky
