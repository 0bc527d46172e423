// The sandbox's simulated audience, without a server: the corpus it draws
// from, what a day of attention brings, and that it listens to blocks.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "core/error.h"
#include "sandbox/audience.h"

using namespace kanal;
using namespace kanal::sandbox;
using namespace std::chrono_literals;

TEST_CASE("the built-in corpus has every kind of comment in every language") {
  const auto corpus = builtin_corpus();
  CHECK(corpus.size() >= 300);
  std::map<std::string, std::set<std::string>> kinds_by_language;
  for (const auto& comment : corpus) kinds_by_language[comment.language].insert(comment.kind);
  for (const char* language : {"en", "sv", "da", "nb", "fi", "de"}) {
    INFO(language);
    CHECK(kinds_by_language[language] == std::set<std::string>{"question", "thanks", "criticism", "profanity",
                                                               "counter_speech", "hate", "threat", "personal_data",
                                                               "scam", "spam", "neutral"});
  }
}

TEST_CASE("a corpus that is not one is refused with the reason") {
  CHECK_THROWS_AS(parse_corpus("not json"), Error);
  CHECK_THROWS_AS(parse_corpus(R"({"comments": []})"), Error);
  CHECK_THROWS_AS(parse_corpus(R"({"comments": [{"lang": "sv", "text": "hej"}]})"), Error);  // no kind
  CHECK_THROWS_AS(parse_corpus(R"({"comments": [{"lang": "sv", "kind": "thanks", "text": "hej", "x": 1}]})"), Error);
  auto one = parse_corpus(R"({"comments": [{"lang": "sv", "kind": "thanks", "text": "Tack {agency}!"}]})");
  REQUIRE(one.size() == 1);
  CHECK(one[0].kind == "thanks");
}

TEST_CASE("a day of attention brings likes, followers and comments, most of them early") {
  SandboxState state(500);
  Audience audience(state, builtin_corpus(), 42);
  Status post;
  {
    std::lock_guard lock(state.mutex());
    post.account_id = state.demo_account().id;
    post.text = "Barnbidraget betalas ut den 20:e.";
    post.visibility = "public";
    post.language = "sv";
    post.created_at = SystemClock{}.now();
    post = state.add_status(post);
  }
  const auto followers_before = state.demo_account().followers;
  audience.advance(6h);
  std::size_t early = 0;
  {
    std::lock_guard lock(state.mutex());
    early = state.statuses().size() - 1;
  }
  audience.advance(18h);
  std::lock_guard lock(state.mutex());
  const auto& ours = *state.status(post.id);
  CHECK(ours.favourites > 0);
  CHECK(ours.replies > 0);
  CHECK(state.demo_account().followers != followers_before);
  const auto late = state.statuses().size() - 1 - early;
  CHECK(early > late);  // attention fades

  std::size_t swedish = 0, replies = 0;
  for (const auto& status : state.statuses()) {
    if (status.id == post.id) continue;
    CHECK(status.text.find('{') == std::string::npos);  // every placeholder filled
    CHECK_FALSE(status.corpus_kind.empty());
    if (status.language == "sv") ++swedish;
    if (!status.in_reply_to_id.empty()) ++replies;
  }
  CHECK(swedish * 2 > replies);  // most answer in the post's language
  CHECK_FALSE(state.notifications_for(state.demo_account().id).empty());
}

TEST_CASE("a blocked or muted person no longer reaches the agency's notifications") {
  SandboxState state(500);
  Audience audience(state, builtin_corpus(), 7);
  {
    std::lock_guard lock(state.mutex());
    Status post;
    post.account_id = state.demo_account().id;
    post.text = "Nya öppettider.";
    post.visibility = "public";
    post.language = "sv";
    post.created_at = SystemClock{}.now();
    state.add_status(post);
    for (auto* citizen : state.citizens()) state.demo_account().blocked.insert(citizen->id);
  }
  audience.advance(24h);
  std::lock_guard lock(state.mutex());
  CHECK(state.notifications_for(state.demo_account().id).empty());
  CHECK(state.statuses().size() > 1);  // they still wrote
}
