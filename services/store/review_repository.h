#pragma once
// Submissions of posts for approval and the decisions taken on them.

#include <Poco/Data/Session.h>

#include <optional>
#include <vector>

#include "core/domain.h"

namespace kanal::store {

class ReviewRepository {
 public:
  explicit ReviewRepository(Poco::Data::Session& session) : session_(session) {}

  // Stores `review` (its id and decisions are ignored); returns its id.
  std::int64_t create(const Review& review);
  std::optional<Review> find(std::int64_t id);
  // The post's newest submission, with its decisions.
  std::optional<Review> latest_for_post(PostId post);
  // The newest submission of the post on which `user` decided, if any.
  std::optional<Review> last_decided_by(PostId post, UserId user);
  // Every pending review, oldest first.
  std::vector<Review> pending();

  void set_state(std::int64_t id, ReviewState state, Timestamp at);
  void add_decision(std::int64_t review_id, const ReviewDecision& decision);

 private:
  std::vector<Review> select(const std::string& where, Poco::Int64 key, Poco::Int64 second = 0);
  std::vector<ReviewDecision> decisions_of(std::int64_t review_id);

  Poco::Data::Session& session_;
};

}  // namespace kanal::store
