// Exactly once and never early, under SIGKILL, on the real clock: 500 posts
// scheduled across 20 sandbox accounts fall due within a minute and a half
// while kanald is killed at random moments and started again. Every post
// must reach the network exactly once, none before its time, none held.
// Bounded: 500 posts, at most 8 kills, four minutes.
#include <catch2/catch.hpp>

#include <date/tz.h>

#include <cstdio>
#include <map>
#include <random>
#include <thread>

#include "api/client/api_client.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

constexpr int kAccounts = 20;
constexpr int kPosts = 500;
constexpr int kSpreadSeconds = 90;
constexpr int kMaxKills = 8;
constexpr const char* kZone = "Europe/Stockholm";

struct Row {
  std::int64_t due_at = 0;     // the schedule's moment (UTC ms)
  std::int64_t queued_at = 0;  // when its delivery entered the outbox
  std::string schedule_state;
  std::string delivery_state;
};

std::map<std::int64_t, Row> rows(const test::KanaldProcess& kanald) {
  auto db = kanald.database().open();
  std::vector<Poco::Int64> post, due, queued;
  std::vector<std::string> schedule_state, delivery_state;
  db->read([&](Poco::Data::Session& s) {
    s << "SELECT s.post_id, s.due_at, COALESCE(o.created_at, 0), s.state, COALESCE(o.state, '') "
         "FROM schedules s LEFT JOIN outbox o ON o.post_id = s.post_id",
        Poco::Data::Keywords::into(post), Poco::Data::Keywords::into(due), Poco::Data::Keywords::into(queued),
        Poco::Data::Keywords::into(schedule_state), Poco::Data::Keywords::into(delivery_state),
        Poco::Data::Keywords::now;
  });
  std::map<std::int64_t, Row> by_post;
  for (std::size_t i = 0; i < post.size(); ++i) {
    by_post[post[i]] = Row{due[i], queued[i], schedule_state[i], delivery_state[i]};
  }
  return by_post;
}

}  // namespace

TEST_CASE("SIGKILL while scheduled posts fall due: each goes out once, none early, none held") {
  test::SandboxProcess sandbox({"--accounts", std::to_string(kAccounts), "--auto-approve"});
  test::KanaldProcess kanald;
  auto api = std::make_unique<client::ApiClient>(kanald.endpoint(), 4);
  const auto accounts = test::connect_all_sandbox_accounts(*api, sandbox, kAccounts);
  sandbox.set_latency(50ms);

  // Due from 25 s from now, one every few hundred milliseconds, over 90 s.
  const auto first_due = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + 25s;
  for (int i = 0; i < kPosts; ++i) {
    const auto post = api->create_post({"Scheduled crash test post " + std::to_string(i), {}}).get();
    const auto due = first_due + std::chrono::seconds(i * kSpreadSeconds / kPosts);
    api->schedule_post(post.id, {{accounts[static_cast<std::size_t>(i % kAccounts)].id},
                                 date::format("%Y-%m-%dT%H:%M:%S", date::make_zoned(kZone, due).get_local_time()),
                                 kZone})
        .get();
  }
  REQUIRE(std::chrono::system_clock::now() < first_due);  // scheduling took less than the lead time

  std::mt19937 random(20261126);
  std::uniform_int_distribution<int> wait_ms(4000, 14000);
  int kills = 0;
  const auto deadline = std::chrono::steady_clock::now() + 240s;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto now = rows(kanald);
    int settled = 0;
    for (const auto& [post, row] : now) settled += row.delivery_state == "published" ? 1 : 0;
    if (settled == kPosts) break;
    if (kills < kMaxKills && std::chrono::system_clock::now() > first_due) {
      std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms(random)));
      kanald.kill();
      ++kills;
      kanald.start();
      api = std::make_unique<client::ApiClient>(kanald.endpoint(), 4);
    } else {
      std::this_thread::sleep_for(250ms);
    }
  }

  const auto final_rows = rows(kanald);
  auto statuses = sandbox.statuses();
  std::map<std::string, int> per_key;
  for (const auto& status : statuses.GetArray()) ++per_key[status["idempotency_key"].GetString()];
  int duplicates = 0;
  for (const auto& [key, count] : per_key) duplicates += count - 1;
  int published = 0, early = 0, held = 0;
  for (const auto& [post, row] : final_rows) {
    published += row.delivery_state == "published" ? 1 : 0;
    early += row.queued_at != 0 && row.queued_at < row.due_at ? 1 : 0;
    held += row.schedule_state == "held" ? 1 : 0;
  }
  std::printf(
      "schedule crash test: %d posts due over %d s on %d accounts, %d kills, %d published, %d received, "
      "%d duplicates, %d early, %d held\n",
      kPosts, kSpreadSeconds, kAccounts, kills, published, static_cast<int>(statuses.Size()), duplicates, early, held);
  CHECK(kills >= 4);
  CHECK(final_rows.size() == static_cast<std::size_t>(kPosts));
  CHECK(published == kPosts);
  CHECK(static_cast<int>(statuses.Size()) == kPosts);
  CHECK(duplicates == 0);
  CHECK(early == 0);
  CHECK(held == 0);
}
