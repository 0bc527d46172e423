#include "store/review_repository.h"

#include <Poco/Data/Statement.h>

#include "store/comma_list.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {

std::int64_t ReviewRepository::create(const Review& review) {
  Int64 post = review.post.value;
  std::string hash = review.content_hash;
  std::string content = review.content;
  std::string targets = comma_list(review.targets);
  std::string steps = comma_list(review.steps);
  std::string reasons = review.reasons;
  Int64 by = review.submitted_by.value;
  Int64 at = to_unix_ms(review.submitted_at);
  std::string state{to_string(review.state)};
  Int64 id = 0;
  session_ << "INSERT INTO reviews (post_id, content_hash, content, targets, steps, reasons, submitted_by, "
              "submitted_at, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      use(post), use(hash), use(content), use(targets), use(steps), use(reasons), use(by), use(at), use(state),
      into(id), now;
  return id;
}

std::vector<Review> ReviewRepository::select(const std::string& where, Int64 key, Int64 second) {
  std::vector<Int64> id, post, by, at;
  std::vector<std::string> hash, content, targets, steps, reasons, state;
  Poco::Data::Statement statement(session_);
  statement << "SELECT id, post_id, content_hash, content, targets, steps, reasons, submitted_by, submitted_at, state "
               "FROM reviews WHERE " +
                   where,
      into(id), into(post), into(hash), into(content), into(targets), into(steps), into(reasons), into(by), into(at),
      into(state), use(key);
  if (where.find("$2") != std::string::npos) statement.addBind(use(second));
  statement.execute();
  std::vector<Review> reviews;
  for (std::size_t i = 0; i < id.size(); ++i) {
    Review review;
    review.id = id[i];
    review.post = PostId{post[i]};
    review.content_hash = hash[i];
    review.content = content[i];
    review.targets = account_ids_in(targets[i]);
    review.steps = comma_items(steps[i]);
    review.reasons = reasons[i];
    review.submitted_by = UserId{by[i]};
    review.submitted_at = from_unix_ms(at[i]);
    review.state = parse_review_state(state[i]).value_or(ReviewState::void_);
    review.decisions = decisions_of(review.id);
    reviews.push_back(std::move(review));
  }
  return reviews;
}

std::vector<ReviewDecision> ReviewRepository::decisions_of(std::int64_t review_id) {
  Int64 key = review_id;
  std::vector<std::string> step, decision, comment, hash;
  std::vector<Int64> by, at;
  session_ << "SELECT step, decided_by, decision, comment, content_hash, at FROM review_decisions "
              "WHERE review_id = $1 ORDER BY id",
      into(step), into(by), into(decision), into(comment), into(hash), into(at), use(key), now;
  std::vector<ReviewDecision> decisions;
  for (std::size_t i = 0; i < step.size(); ++i) {
    decisions.push_back(
        ReviewDecision{step[i], UserId{by[i]}, decision[i] == "approve", comment[i], hash[i], from_unix_ms(at[i])});
  }
  return decisions;
}

std::optional<Review> ReviewRepository::find(std::int64_t id) {
  auto found = select("id = $1", id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Review> ReviewRepository::latest_for_post(PostId post) {
  auto found = select("post_id = $1 ORDER BY id DESC LIMIT 1", post.value);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Review> ReviewRepository::last_decided_by(PostId post, UserId user) {
  auto found = select(
      "post_id = $1 AND id IN (SELECT review_id FROM review_decisions WHERE decided_by = $2) ORDER BY id DESC LIMIT 1",
      post.value, user.value);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Review> ReviewRepository::pending() {
  std::string state{to_string(ReviewState::pending)};
  std::vector<Int64> ids;
  session_ << "SELECT id FROM reviews WHERE state = $1 ORDER BY id", into(ids), use(state), now;
  std::vector<Review> reviews;
  for (const auto id : ids) {
    if (auto review = find(id)) reviews.push_back(std::move(*review));
  }
  return reviews;
}

void ReviewRepository::set_state(std::int64_t id, ReviewState state, Timestamp at) {
  std::string name{to_string(state)};
  Int64 key = id;
  Int64 closed = to_unix_ms(at);
  session_ << "UPDATE reviews SET state = $1, closed_at = $2 WHERE id = $3", use(name), use(closed), use(key), now;
}

void ReviewRepository::add_decision(std::int64_t review_id, const ReviewDecision& decision) {
  Int64 review = review_id;
  std::string step = decision.step;
  Int64 by = decision.decided_by.value;
  std::string verdict = decision.approved ? "approve" : "send_back";
  std::string comment = decision.comment;
  std::string hash = decision.content_hash;
  Int64 at = to_unix_ms(decision.at);
  session_ << "INSERT INTO review_decisions (review_id, step, decided_by, decision, comment, content_hash, at) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      use(review), use(step), use(by), use(verdict), use(comment), use(hash), use(at), now;
}

}  // namespace kanal::store
