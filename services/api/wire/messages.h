#pragma once
// The shapes that travel over /api/v1, shared by the server and the client.
// JSON field names are snake_case; times are RFC 3339 UTC strings.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::wire {

// Base texts are bounded by the longest post any network takes (Facebook
// Pages: 63,206 characters); anything longer is an error, not a draft.
inline constexpr std::size_t kMaxPostTextCodePoints = 63'206;
inline constexpr std::size_t kMaxVariants = 50;
inline constexpr std::size_t kMaxImagesPerPart = 4;          // the most any network takes on one post
inline constexpr std::size_t kMaxThreadParts = 24;           // after the first
inline constexpr std::size_t kMaxAltTextCodePoints = 1'500;  // Mastodon's limit, the tightest
inline constexpr int kMaxPageSize = 200;
inline constexpr int kDefaultPageSize = 50;

struct CreatePostRequest {
  std::string text;
  std::vector<Variant> variants;
  std::vector<Attachment> media;
  std::vector<ThreadPart> thread;
  std::string language;
  PostOrigin origin;  // set once, when the post is made from a template
};

struct UpdatePostRequest {
  std::int64_t version = 0;  // the version the edit was made on
  std::optional<std::string> text;
  std::optional<std::vector<Variant>> variants;
  std::optional<std::vector<Attachment>> media;
  std::optional<std::vector<ThreadPart>> thread;
  std::optional<std::string> language;
};

struct PostListQuery {
  std::optional<PostState> state;
  std::optional<std::string> cursor;
  int limit = kDefaultPageSize;
};

struct PostList {
  std::vector<Post> items;
  std::optional<std::string> next_cursor;
};

struct ServerInfo {
  std::string version;
  int api_version = 0;
  std::string database;  // "sqlite" | "postgresql"
  std::string mode;      // "local" | "team"
  // No user: it is open to any caller (GET /api/v1/me says who one is).
};

// Request bodies: parsed strictly (throws kanal::Error with the field).
CreatePostRequest parse_create_post(std::string_view body);
UpdatePostRequest parse_update_post(std::string_view body);
std::string to_json(const CreatePostRequest& request);
std::string to_json(const UpdatePostRequest& request);

// Responses.
std::string to_json(const Post& post);
std::string to_json(const PostList& list);
std::string to_json(const ServerInfo& info);
std::string to_json(const MediaInfo& media);
Post parse_post(std::string_view body);
MediaInfo parse_media_info(std::string_view body);
PostList parse_post_list(std::string_view body);
ServerInfo parse_server_info(std::string_view body);

}  // namespace kanal::wire
