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
};

struct PostChanges {
  std::optional<std::string> text;
  std::optional<std::vector<Variant>> variants;  // replaces all variants when given
};

struct PostQuery {
  std::optional<PostState> state;
  std::optional<PostId> before;  // keyset paging: only posts with a smaller id
  int limit = 50;
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
  void load_variants(std::vector<Post>& posts);

  Poco::Data::Session& session_;
};

}  // namespace kanal::store
