// Exactly once, under SIGKILL: 500 posts are queued for a sandbox account,
// then kanald is killed at random moments while it publishes, and started
// again each time. The sandbox's record must show every post exactly once.
// Bounded: 500 posts, at most 8 kills, two minutes.
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

}  // namespace

TEST_CASE("SIGKILL while publishing loses nothing and duplicates nothing") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  auto api = std::make_unique<client::ApiClient>(kanald.endpoint());
  const auto account = test::connect_sandbox_account(*api, sandbox);

  // Slow the network a little, so kills land in the middle of the work.
  client::HttpRequest latency;
  latency.method = "POST";
  latency.url = sandbox.url() + "/_sandbox/latency";
  latency.body = R"({"ms":60})";
  client::perform(latency);

  for (int i = 0; i < kPosts; ++i) {
    auto post = api->create_post({"Crash test post " + std::to_string(i), {}}).get();
    api->publish(post.id, {{account.id}}).get();
  }

  std::mt19937 random(20261125);
  std::uniform_int_distribution<int> pause_ms(150, 700);
  int kills = 0;
  const auto deadline = std::chrono::steady_clock::now() + 120s;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto states = outbox_states(kanald);
    const int settled =
        (states.count("published") ? states.at("published") : 0) + (states.count("failed") ? states.at("failed") : 0);
    if (settled == kPosts) break;
    if (kills < kMaxKills) {
      std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(random)));
      kanald.kill();
      ++kills;
      kanald.start();
    } else {
      std::this_thread::sleep_for(200ms);
    }
  }

  const auto states = outbox_states(kanald);
  auto statuses = sandbox.statuses();
  std::map<std::string, int> per_key;
  for (const auto& status : statuses.GetArray()) ++per_key[status["idempotency_key"].GetString()];
  int duplicates = 0;
  for (const auto& [key, count] : per_key) duplicates += count - 1;
  const int received = static_cast<int>(statuses.Size());
  const int published = states.count("published") ? states.at("published") : 0;
  std::printf(
      "crash test: %d posts queued, %d kills, %d published, %d received by the network, %d duplicates, "
      "%d lost; %d deliveries were resent after a crash\n",
      kPosts, kills, published, received, duplicates, kPosts - static_cast<int>(per_key.size()),
      resent_after_a_crash(kanald));
  CHECK(kills >= 3);
  CHECK(published == kPosts);
  CHECK(received == kPosts);
  CHECK(duplicates == 0);
  CHECK(per_key.size() == static_cast<std::size_t>(kPosts));
}
