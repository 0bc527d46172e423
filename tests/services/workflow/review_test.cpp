#include <catch2/catch.hpp>

#include "workflow/review.h"

using namespace kanal;
using namespace kanal::workflow;

namespace {

Post sample() {
  Post post;
  post.id = PostId{7};
  post.text = "Our office is closed on Friday.";
  post.media = {{MediaId{3}, "The office door"}};
  post.variants = {{AccountId{2}, "Closed on Friday."}};
  post.language = "en";
  return post;
}

std::string hash_of(const Post& post, std::vector<AccountId> targets) {
  return content_hash(content_snapshot(post, std::move(targets)));
}

}  // namespace

TEST_CASE("an approval's hash covers every word, image description and target, and nothing else") {
  const auto post = sample();
  const auto base = hash_of(post, {AccountId{1}, AccountId{2}});
  CHECK(base.size() == 64);
  CHECK(hash_of(post, {AccountId{2}, AccountId{1}}) == base);  // the order of targets does not matter
  CHECK(hash_of(post, {AccountId{1}}) != base);

  auto changed = post;
  changed.text += " ";
  CHECK(hash_of(changed, {AccountId{1}, AccountId{2}}) != base);
  changed = post;
  changed.media[0].description = "A door";
  CHECK(hash_of(changed, {AccountId{1}, AccountId{2}}) != base);
  changed = post;
  changed.variants[0].text = "Closed Friday.";
  CHECK(hash_of(changed, {AccountId{1}, AccountId{2}}) != base);
  changed = post;
  changed.thread = {{"Part two", {}}};
  CHECK(hash_of(changed, {AccountId{1}, AccountId{2}}) != base);
  // Bookkeeping is not content.
  changed = post;
  changed.version = 9;
  changed.state = PostState::approved;
  CHECK(hash_of(changed, {AccountId{1}, AccountId{2}}) == base);
}

TEST_CASE("steps across targets come once each, expert before line manager before director") {
  Decision rights{nullptr, {Step::subject_expert, Step::line_manager}, {}};
  Decision director{nullptr, {Step::director}, {}};
  Decision none{nullptr, {}, {}};
  CHECK(combined_steps({director, rights}) ==
        std::vector<Step>{Step::subject_expert, Step::line_manager, Step::director});
  CHECK(combined_steps({none, none}).empty());

  CHECK(may_take(Role::line_manager, Step::line_manager));
  CHECK(may_take(Role::director, Step::line_manager));
  CHECK_FALSE(may_take(Role::subject_expert, Step::line_manager));
  CHECK_FALSE(may_take(Role::line_manager, Step::subject_expert));
  CHECK_FALSE(may_take(Role::admin, Step::director));
  CHECK_FALSE(may_take(Role::officer, Step::line_manager));

  Review review;
  review.steps = {"subject_expert", "line_manager"};
  CHECK(next_step(review) == Step::subject_expert);
  review.decisions.push_back({"subject_expert", UserId{4}, true, "", "h", {}});
  CHECK(next_step(review) == Step::line_manager);
  review.decisions.push_back({"line_manager", UserId{5}, true, "", "h", {}});
  CHECK_FALSE(next_step(review));
}
