#pragma once
// Posts and their per-account variants. Works on a session the caller holds,
// so several repositories can share one transaction.

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

struct NewPost {
  UserId author;
  std::string text;
  std::vector<Variant> variants;
  std::vector<Attachment> media;
  std::vector<ThreadPart> thread;
  std::string language;
  PostOrigin origin;
  bool needs_expert_check = false;
  InteractionId reply_to;  // valid: an answer to this inbox item
};

// What an edit changes; each list, when given, replaces the one stored.
struct PostChanges {
  std::optional<std::string> text;
  std::optional<std::vector<Variant>> variants;
  std::optional<std::vector<Attachment>> media;
  std::optional<std::vector<ThreadPart>> thread;
  std::optional<std::string> language;
  std::optional<bool> needs_expert_check;  // set by kanald from the content after the edit
};

struct PostQuery {
  std::optional<PostState> state;
  std::optional<PostId> before;  // keyset paging: only posts with a smaller id
  int limit = 50;
  std::string hidden;  // left out: Viewer::hidden_posts_sql("id") of the viewer ("" for none)
};

struct PostPage {
  std::vector<Post> items;            // newest first
  std::optional<PostId> next_before;  // set when there are more
};

class PostRepository {
 public:
  explicit PostRepository(Poco::Data::Session& session) : session_(session) {}

  Post create(const NewPost& post, Timestamp when);
  std::optional<Post> find(PostId id);
  PostPage list(const PostQuery& query);
  // The answers written to an inbox item, oldest first.
  std::vector<Post> answers_to(InteractionId item);
  // Throws kanal::Error not_found, or stale_version when `expected_version`
  // is not the stored one.
  Post update(PostId id, std::int64_t expected_version, const PostChanges& changes, Timestamp when);
  // The post's life-cycle state, as the publisher (or workflow) moves it;
  // bumps the version when it changes.
  void set_state(PostId id, PostState state, Timestamp when);
  // Marks the post deleted (the row stays for the records). Throws not_found.
  void remove(PostId id, Timestamp when);

 private:
  void insert_variants(PostId id, const std::vector<Variant>& variants);
  void insert_attachments(PostId id, int part_index, const std::vector<Attachment>& media);
  void insert_thread(PostId id, const std::vector<ThreadPart>& thread);
  // Fills in the variants, images and thread parts of `posts`.
  void load_details(std::vector<Post>& posts);

  Poco::Data::Session& session_;
};

}  // namespace kanal::store
