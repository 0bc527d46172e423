// Likes and followers in the store: account readings rolled up per hour,
// day and week as they come in (the same as rolling up the readings
// afterwards), and published posts with their reading schedule and latest
// figures — "not available" kept apart from zero — on SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include "store/account_repository.h"
#include "store/metrics_repository.h"
#include "store/outbox_repository.h"
#include "store/post_repository.h"
#include "support/store_fixture.h"

using namespace kanal;
using namespace kanal::store;
using namespace std::chrono_literals;

namespace {

struct Figures : test::StoreFixture {
  Account account = add_account();

  // A post published to the account at `when` with the network's id.
  std::int64_t published(const std::string& network_id, Timestamp when) {
    return db->transact([&](auto& s) {
      const auto post = PostRepository(s).create(NewPost{author.id, "Hej " + network_id, {}}, when);
      auto delivery = OutboxRepository(s).enqueue(post.id, account.id, "key-" + network_id, "hash", when);
      delivery.state = DeliveryState::published;
      delivery.network_id = network_id;
      delivery.url = "https://social.example/@agency/" + network_id;
      OutboxRepository(s).update(delivery, when);
      return delivery.id;
    });
  }
};

}  // namespace

TEST_CASE_METHOD(Figures, "account readings roll up per hour, day and week as they come in") {
  // Three days of hourly readings; the network gave no follower count for
  // a few hours of the second day.
  std::vector<analytics::Sample> readings;
  const auto start = analytics::period_start(t0, analytics::Period::day);
  for (int hour = 0; hour < 72; ++hour) {
    const auto at = start + std::chrono::hours(hour) + 5min;
    const bool withheld = hour >= 30 && hour < 34;
    readings.push_back({at, withheld ? std::nullopt : std::optional<std::int64_t>(1000 + hour * 3 - (hour % 5))});
  }
  db->transact([&](auto& s) {
    MetricsRepository metrics(s);
    for (const auto& reading : readings) metrics.record_account(account.id, "followers", reading);
    // The same moment again is one reading.
    metrics.record_account(account.id, "followers", {readings.front().at, 5});
  });

  const auto end = start + 72h;
  for (const auto period : {analytics::Period::hour, analytics::Period::day, analytics::Period::week}) {
    const auto stored = db->read(
        [&](auto& s) { return MetricsRepository(s).account_series(account.id, "followers", period, start, end); });
    const auto expected = analytics::roll_up(readings, period);
    REQUIRE(stored.size() == expected.size());
    for (std::size_t i = 0; i < stored.size(); ++i) CHECK(stored[i] == expected[i]);
  }
  const auto days = db->read([&](auto& s) {
    return MetricsRepository(s).account_series(account.id, "followers", analytics::Period::day, start, end);
  });
  REQUIRE(days.size() == 3);
  CHECK(days[1].unavailable == 4);
  CHECK(days[1].samples == 20);
  CHECK(days[0].first == 1000);
  CHECK(db->read([&](auto& s) { return MetricsRepository(s).last_account_reading(account.id); }) == readings.back().at);
  const auto raw =
      db->read([&](auto& s) { return MetricsRepository(s).account_samples(account.id, "followers", start, end); });
  REQUIRE(raw.size() == 72);
  CHECK_FALSE(raw[31].value.has_value());  // not available, not 0
}

TEST_CASE_METHOD(Figures, "a published post is read on its schedule and keeps its latest figures") {
  const auto outbox = published("111", t0);
  CHECK(db->transact([&](auto& s) { return MetricsRepository(s).track_published(1h); }) == 1);
  CHECK(db->transact([&](auto& s) { return MetricsRepository(s).track_published(1h); }) == 0);  // once

  const auto due = [&](Timestamp at) {
    return db->read([&](auto& s) { return MetricsRepository(s).due_posts(account.id, at, 10); });
  };
  CHECK(due(t0 + 59min).empty());
  auto now_due = due(t0 + 1h);
  REQUIRE(now_due.size() == 1);
  CHECK(now_due[0].outbox_id == outbox);
  CHECK(now_due[0].network_id == "111");
  CHECK(now_due[0].published_at == t0);

  db->transact([&](auto& s) {
    MetricsRepository(s).record_post(outbox, t0 + 1h, PostReading{12, 3, 4, std::nullopt, false}, 1, t0 + 6h);
  });
  CHECK(due(t0 + 2h).empty());
  auto figures = db->read([&](auto& s) { return MetricsRepository(s).figures_of(PostId{1}); });
  REQUIRE(figures.size() == 1);
  CHECK(figures[0].likes == 12);
  CHECK(figures[0].impressions == std::nullopt);
  CHECK(figures[0].read_at == t0 + 1h);
  CHECK(figures[0].text == "Hej 111");

  // The network stops giving likes: not available, never 0.
  db->transact([&](auto& s) {
    MetricsRepository(s).record_post(outbox, t0 + 6h, PostReading{std::nullopt, 5, 6, std::nullopt, false}, 2,
                                     t0 + 24h);
  });
  figures = db->read([&](auto& s) { return MetricsRepository(s).published_between(t0, t0 + 1min); });
  REQUIRE(figures.size() == 1);
  CHECK_FALSE(figures[0].likes.has_value());
  CHECK(figures[0].shares == 5);

  // Gone from the network: its last figures stay, the schedule ends.
  db->transact([&](auto& s) {
    MetricsRepository(s).record_post(outbox, t0 + 24h, PostReading{{}, {}, {}, {}, true}, 3, t0 + 72h);
  });
  figures = db->read([&](auto& s) { return MetricsRepository(s).figures_of(PostId{1}); });
  CHECK(figures.at(0).gone);
  CHECK(figures.at(0).shares == 5);
  CHECK(due(t0 + 24h * 365).empty());
}

TEST_CASE_METHOD(Figures, "a reading the network could not give is put off, and answers to comments are not tracked") {
  const auto outbox = published("222", t0);
  db->transact([&](auto& s) {
    const auto answer = PostRepository(s).create(NewPost{author.id, "Svar", {}}, t0);
    s << "UPDATE posts SET reply_to = 7 WHERE id = " + std::to_string(answer.id.value), Poco::Data::Keywords::now;
    auto delivery = OutboxRepository(s).enqueue(answer.id, account.id, "key-answer", "hash", t0);
    delivery.state = DeliveryState::published;
    delivery.network_id = "333";
    OutboxRepository(s).update(delivery, t0);
  });
  CHECK(db->transact([&](auto& s) { return MetricsRepository(s).track_published(1h); }) == 1);
  db->transact([&](auto& s) { MetricsRepository(s).postpone_post(outbox, t0 + 3h); });
  CHECK(db->read([&](auto& s) { return MetricsRepository(s).due_posts(account.id, t0 + 2h, 10); }).empty());
  CHECK(db->read([&](auto& s) { return MetricsRepository(s).due_posts(account.id, t0 + 3h, 10); }).size() == 1);
}
