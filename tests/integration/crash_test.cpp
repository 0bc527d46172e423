// Exactly once, under SIGKILL: posts are queued for a sandbox account, then
// kanald is killed at random moments while it publishes, and started again
// each time. The sandbox's record must show every post exactly once.
// Bounded: 500 posts, at most 8 kills, two minutes (and 150 posts with the
// network forgetting idempotency keys after two seconds).
#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "store/outbox_repository.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

constexpr int kPosts = 500;
constexpr int kMaxKills = 8;

int resent_after_a_crash(const test::KanaldProcess& kanald) {
  auto db = kanald.database().open();
  Poco::Int64 count = 0;
  db->read([&](Poco::Data::Session& s) {
    s << "SELECT COUNT(*) FROM outbox WHERE attempts > 1", Poco::Data::Keywords::into(count), Poco::Data::Keywords::now;
  });
  return static_cast<int>(count);
}

int found_by_looking(const test::KanaldProcess& kanald) {
  const auto log = kanald.log();
  int found = 0;
  for (auto at = log.find("was found on account"); at != std::string::npos;
       at = log.find("was found on account", at + 1)) {
    ++found;
  }
  return found;
}

std::map<std::string, int> outbox_states(const test::KanaldProcess& kanald) {
  auto db = kanald.database().open();
  std::vector<std::string> states;
  db->read([&](Poco::Data::Session& s) {
    s << "SELECT state FROM outbox", Poco::Data::Keywords::into(states), Poco::Data::Keywords::now;
  });
  std::map<std::string, int> counts;
  for (const auto& state : states) ++counts[state];
  return counts;
}

struct Outcome {
  int kills = 0;
  int published = 0;
  int received = 0;
  int duplicates = 0;  // statuses beyond the first of the same text
  int lost = 0;        // posts the network never received
};

// Queues `posts` posts, then kills kanald at random moments while it
// publishes and starts it again — at once, or after `down` (long enough for
// the network to forget the idempotency keys of what was in flight).
Outcome publish_through_kills(test::SandboxProcess& sandbox, test::KanaldProcess& kanald, int posts,
                              std::chrono::milliseconds down, std::chrono::seconds limit) {
  auto api = std::make_unique<client::ApiClient>(kanald.endpoint());
  const auto account = test::connect_sandbox_account(*api, sandbox);
  // Slow the network a little, so kills land in the middle of the work.
  sandbox.set_latency(60ms);
  for (int i = 0; i < posts; ++i) {
    auto post = api->create_post({"Crash test post " + std::to_string(i), {}}).get();
    api->publish(post.id, {{account.id}}).get();
  }

  std::mt19937 random(20261125);
  std::uniform_int_distribution<int> pause_ms(150, 700);
  Outcome outcome;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto states = outbox_states(kanald);
    const int settled =
        (states.count("published") ? states.at("published") : 0) + (states.count("failed") ? states.at("failed") : 0);
    if (settled == posts) break;
    if (outcome.kills < kMaxKills) {
      std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(random)));
      kanald.kill();
      ++outcome.kills;
      std::this_thread::sleep_for(down);
      kanald.start();
    } else {
      std::this_thread::sleep_for(200ms);
    }
  }

  const auto states = outbox_states(kanald);
  auto statuses = sandbox.statuses();
  std::map<std::string, int> per_text;
  for (const auto& status : statuses.GetArray()) ++per_text[status["text"].GetString()];
  for (const auto& [text, count] : per_text) outcome.duplicates += count - 1;
  outcome.received = static_cast<int>(statuses.Size());
  outcome.published = states.count("published") ? states.at("published") : 0;
  outcome.lost = posts - static_cast<int>(per_text.size());
  std::printf(
      "crash test: %d posts queued, %d kills (down %d ms each), %d published, %d received by the network, "
      "%d duplicates, %d lost; %d deliveries were resent after a crash, %d found on the account by looking\n",
      posts, outcome.kills, static_cast<int>(down.count()), outcome.published, outcome.received, outcome.duplicates,
      outcome.lost, resent_after_a_crash(kanald), found_by_looking(kanald));
  return outcome;
}

void check_each_exactly_once(const Outcome& outcome, int posts) {
  CHECK(outcome.kills >= 3);
  CHECK(outcome.published == posts);
  CHECK(outcome.received == posts);
  CHECK(outcome.duplicates == 0);
  CHECK(outcome.lost == 0);
}

}  // namespace

TEST_CASE("SIGKILL while publishing loses nothing and duplicates nothing") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  check_each_exactly_once(publish_through_kills(sandbox, kanald, kPosts, 0ms, 120s), kPosts);
}

// Mastodon forgets an Idempotency-Key after an hour; here after two seconds,
// and kanald stays down longer than that: what was in flight must be looked
// for on the account, never sent blind.
TEST_CASE("SIGKILL with the idempotency window shortened to seconds: 0 duplicates and 0 lost") {
  test::SandboxProcess sandbox({"--idempotency-window", "2"});
  test::KanaldProcess kanald({"--idempotency-window", "mastodon=2"});
  constexpr int kFewerPosts = 150;
  check_each_exactly_once(publish_through_kills(sandbox, kanald, kFewerPosts, 2500ms, 150s), kFewerPosts);
  CHECK_THAT(kanald.log(), Catch::Contains("was found on account"));
}
