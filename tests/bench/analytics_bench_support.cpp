#include "analytics_bench_support.h"

#include <Poco/Data/Session.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "analytics/sampling.h"
#include "store/account_repository.h"
#include "store/metrics_repository.h"
#include "store/user_repository.h"

using namespace Poco::Data::Keywords;

namespace kanal::bench {

std::int64_t option(int argc, char** argv, const std::string& name, std::int64_t fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return std::stoll(argv[i + 1]);
  }
  return fallback;
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

Timing summarise(std::vector<double> ms) {
  Timing timing;
  timing.first_ms = ms.front();
  std::sort(ms.begin(), ms.end());
  timing.median_ms = ms[ms.size() / 2];
  return timing;
}
namespace {

using Steady = std::chrono::steady_clock;

// What an agency publishes, in its languages, from the default templates for
// its audience segments: the report groups by each of these.
struct Kind {
  const char* language;
  const char* template_id;
  const char* text;
};
const std::vector<Kind> kKinds{
    {"sv", "payment_date_reminder", "Barnbidraget betalas ut den 20:e. Läs mer på vår webbplats."},
    {"sv", "office_closure", "Vårt servicekontor har stängt på fredag. Du når oss via e-tjänsten."},
    {"sv", "application_deadline", "Sista dag att söka bostadsbidrag för hösten är den 30 september."},
    {"en", "payment_date_reminder", "Child benefit is paid on the 20th. Read more on our website."},
    {"en", "application_deadline", "The last day to apply for housing benefit for the autumn is 30 September."},
    {"fi", "payment_date_reminder", "Lapsilisä maksetaan 20. päivä. Lue lisää verkkosivuiltamme."},
    {"sv", "", "Vi svarar på frågor om föräldrapenning i chatten i dag mellan 10 och 12."},
};
const std::vector<const char*> kSegments{"families", "carers", "disabilities", "remote", "jobseekers", "everyone"};
// When posts go out (UTC hours); the heatmap of best times is made of them.
const std::vector<int> kPostHours{6, 7, 9, 11, 13, 15, 17, 19};

// A post as it will be published, planned while the readings are made so
// that its likes follow the account's followers at the time.
struct PlannedPost {
  std::size_t account = 0;
  Timestamp at;
  std::size_t kind = 0, segment = 0;
  std::int64_t likes = 0, shares = 0, replies = 0;
};

}  // namespace

SeededWorkspace seed_analytics_workspace(store::Database& database, std::size_t account_count, std::int64_t days,
                                         Timestamp from) {
  SeededWorkspace seeded;
  seeded.from = from;
  seeded.to = from + std::chrono::days(days);
  const auto seeded_at = SystemClock{}.now();
  const auto author = database.transact([&](Poco::Data::Session& session) {
    return store::UserRepository(session).ensure("analyst", "Analyst", Role::officer, seeded_at).id;
  });
  auto& accounts = seeded.accounts;
  database.transact([&](Poco::Data::Session& session) {
    store::AccountRepository repository(session);
    for (std::size_t a = 0; a < account_count; ++a) {
      Account account;
      account.network = "mastodon";
      account.handle = "@agency" + std::to_string(a + 1) + "@social.example";
      account.display_name = "Agency " + std::to_string(a + 1);
      account.instance_url = "https://social.example";
      accounts.push_back(repository.create(account, from));
    }
  });

  // Hourly readings. Followers walk upward, by more on a large account;
  // following now and then grows by one; posts count what is published.
  std::mt19937 random(20251);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<PlannedPost> planned;
  for (std::size_t a = 0; a < accounts.size(); ++a) {
    const auto& account = accounts[a];
    auto followers = static_cast<double>(800 + 250 * a * a);
    std::int64_t following = 120 + static_cast<std::int64_t>(a) * 7;
    std::int64_t posts = 1500 + static_cast<std::int64_t>(a) * 40;
    // The collector reads on the hour plus however long the round took.
    const auto offset = std::chrono::seconds(17 + static_cast<std::int64_t>(a) * 23);
    for (std::int64_t d = 0; d < days; ++d) {
      const auto day = from + std::chrono::days(d);
      // Two posts a day at different hours.
      std::array<int, 2> post_hours{kPostHours[random() % kPostHours.size()], kPostHours[random() % kPostHours.size()]};
      if (post_hours[0] == post_hours[1]) post_hours[1] = (post_hours[0] + 4) % 24;
      std::normal_distribution<double> step(0.1 + followers * 0.00002, 1.0 + followers * 0.00005);
      const auto start = Steady::now();
      database.transact([&](Poco::Data::Session& session) {
        store::MetricsRepository metrics(session);
        for (int h = 0; h < 24; ++h) {
          const auto at = day + std::chrono::hours(h) + offset;
          followers = std::max(0.0, followers + std::round(step(random)));
          if (unit(random) < 0.002) ++following;
          for (const int hour : post_hours) {
            if (hour != h) continue;
            ++posts;
            // Engagement scales with the audience, varies a lot from post to post.
            const double reach = followers / 1000.0 * (0.5 + 2.0 * unit(random) * unit(random));
            planned.push_back({a, at, random() % kKinds.size(), random() % kSegments.size(), std::llround(reach * 6.0),
                               std::llround(reach * 1.2), std::llround(reach * 0.8)});
          }
          if (d == 0 && h == 0) seeded.first_followers.push_back(std::llround(followers));
          metrics.record_account(account.id, "followers", {at, std::llround(followers)});
          metrics.record_account(account.id, "following", {at, following});
          metrics.record_account(account.id, "posts", {at, posts});
          seeded.readings += 3;
        }
      });
      seeded.ingest_ms += ms_since(start);
    }
    seeded.last_followers.push_back(std::llround(followers));
    database.transact([&](Poco::Data::Session& session) {
      store::AccountRepository(session).set_followers(account.id, std::llround(followers));
    });
  }

  // The published posts, each with its outbox row and its latest figures
  // (the reading schedule done, Mastodon gives no impressions).
  const auto posts_start = Steady::now();
  std::size_t next = 0;
  for (std::size_t a = 0; a < accounts.size(); ++a) {
    database.transact([&](Poco::Data::Session& session) {
      for (; next < planned.size() && planned[next].account == a; ++next) {
        const auto& post = planned[next];
        const auto& kind = kKinds[post.kind];
        Poco::Int64 author_id = author.value, account_id = accounts[a].id.value, at = to_unix_ms(post.at);
        Poco::Int64 read_at = to_unix_ms(post.at + std::chrono::days(30));
        std::string text = kind.text, language = kind.language, template_id = kind.template_id,
                    segment_id = kSegments[post.segment];
        Poco::Int64 post_id = 0, outbox_id = 0;
        session << "INSERT INTO posts (author_id, text, state, version, created_at, updated_at, language, "
                   "template_id, segment_id) VALUES ($1, $2, 'published', 1, $3, $4, $5, $6, $7) RETURNING id",
            use(author_id), use(text), use(at), use(at), use(language), use(template_id), use(segment_id),
            into(post_id), now;
        std::string key = "bench-" + std::to_string(post_id) + "-" + std::to_string(account_id);
        std::string network_id = std::to_string(113'000'000'000 + post_id);
        std::string url = "https://social.example/" + accounts[a].handle.substr(0, accounts[a].handle.find('@', 1)) +
                          "/" + network_id;
        session << "INSERT INTO outbox (post_id, account_id, idempotency_key, state, attempts, next_attempt_at, "
                   "network_id, url, created_at, updated_at) VALUES ($1, $2, $3, 'published', 1, $4, $5, $6, $7, $8) "
                   "RETURNING id",
            use(post_id), use(account_id), use(key), use(at), use(network_id), use(url), use(at), use(at),
            into(outbox_id), now;
        Poco::Int64 taken = static_cast<Poco::Int64>(analytics::kPostSampleAges.size());
        Poco::Int64 likes = post.likes, shares = post.shares, replies = post.replies;
        session << "INSERT INTO post_figures (outbox_id, account_id, published_at, taken, next_at, read_at, likes, "
                   "shares, replies, impressions, gone) VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, NULL, 0)",
            use(outbox_id), use(account_id), use(at), use(taken), use(read_at), use(likes), use(shares), use(replies),
            now;
      }
    });
  }
  seeded.posts = planned.size();
  seeded.posts_ms = ms_since(posts_start);
  return seeded;
}

void print_seeding(const SeededWorkspace& seeded) {
  const auto days = std::chrono::duration_cast<std::chrono::days>(seeded.to - seeded.from).count();
  std::printf(
      "ingest: %lld readings (%zu accounts x %lld days x 24 h x 3 metrics) through "
      "MetricsRepository::record_account, a transaction per account-day: %.1f s = %.0f readings/s\n",
      static_cast<long long>(seeded.readings), seeded.accounts.size(), static_cast<long long>(days),
      seeded.ingest_ms / 1000, static_cast<double>(seeded.readings) / (seeded.ingest_ms / 1000));
  std::printf("seeded %zu published posts (outbox row and figures each) in %.1f s\n", seeded.posts,
              seeded.posts_ms / 1000);
}

}  // namespace kanal::bench
