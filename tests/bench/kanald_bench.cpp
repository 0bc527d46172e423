// Benchmark (not a timed test): kanald's cold start to healthy, GET
// /api/v1/posts latency (p50/p99) with 10,000 drafts in the store — as the
// workspace's owner and as an officer to whom a restricted account is
// closed — and what a sign-in costs the server: a wrong password (Argon2id)
// against a locked login (refused before any password is checked).
// Prints its figures; fails only if kanald does not work at all.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "api/client/api_client.h"
#include "core/error.h"
#include "store/migrations.h"
#include "store/post_repository.h"
#include "support/kanald_process.h"

using namespace kanal;
using Steady = std::chrono::steady_clock;

namespace {

double ms_since(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

double percentile(std::vector<double> samples, double p) {
  std::sort(samples.begin(), samples.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1));
  return samples[index];
}

}  // namespace

int main() {
  constexpr int kDrafts = 10'000;
  constexpr int kRequests = 400;

  const auto cold_start = Steady::now();
  test::KanaldProcess kanald;
  const double start_ms = ms_since(cold_start);

  {
    auto db = kanald.database().open();
    const auto seeding = Steady::now();
    db->transact([&](Poco::Data::Session& session) {
      store::PostRepository posts(session);
      const auto now = SystemClock{}.now();
      for (int i = 0; i < kDrafts; ++i) {
        posts.create(store::NewPost{UserId{1},
                                    "Draft " + std::to_string(i) +
                                        ": Barnbidraget betalas ut den 20:e varje månad. Läs mer på vår webbplats.",
                                    {}},
                     now);
      }
    });
    std::printf("seeded %d drafts in %.0f ms\n", kDrafts, ms_since(seeding));
  }

  client::ApiClient api(kanald.endpoint(), 1);
  api.list_posts({}).get();  // warm the connection

  std::vector<double> first_page, deep_page;
  std::mt19937 random(7);
  std::uniform_int_distribution<int> cursor(60, kDrafts);
  for (int i = 0; i < kRequests; ++i) {
    auto start = Steady::now();
    auto page = api.list_posts({}).get();
    first_page.push_back(ms_since(start));
    if (page.items.size() != 50) {
      std::fprintf(stderr, "expected a page of 50, got %zu\n", page.items.size());
      return 1;
    }
    wire::PostListQuery deep;
    deep.cursor = std::to_string(cursor(random));
    start = Steady::now();
    api.list_posts(deep).get();
    deep_page.push_back(ms_since(start));
  }

  // An account closed to the officer, so every listing applies the rule.
  auto& admin = api;
  admin.create_user({"olle", "Olle Officer", Role::officer, "a long password for olle"}).get();
  admin.create_user({"dora", "Dora Director", Role::director, "a long password for dora"}).get();
  std::int64_t dora = 0;
  for (const auto& user : admin.users().get()) {
    if (user.login == "dora") dora = user.id.value;
  }
  {
    auto db = kanald.database().open();
    db->transact([&](Poco::Data::Session& session) {
      session << "INSERT INTO accounts (network, handle, display_name, created_at) "
                 "VALUES ('mastodon', '@director@social.example', 'Director', 0)",
          Poco::Data::Keywords::now;
      Poco::Int64 user = dora;
      session << "INSERT INTO account_permissions (account_id, user_id, capabilities) "
                 "SELECT id, $1, 'draft,publish' FROM accounts",
          Poco::Data::Keywords::use(user), Poco::Data::Keywords::now;
    });
  }
  client::ApiClient officer({kanald.endpoint().url, api.sign_in("olle", "a long password for olle").get().token}, 1);
  std::vector<double> restricted_page;
  for (int i = 0; i < kRequests; ++i) {
    const auto start = Steady::now();
    officer.list_posts({}).get();
    restricted_page.push_back(ms_since(start));
  }

  // Sign-in: four wrong passwords are checked (Argon2id); the fifth locks,
  // and every later attempt is refused before any password is checked.
  std::vector<double> wrong, locked;
  for (int i = 0; i < 4; ++i) {
    const auto start = Steady::now();
    try {
      api.sign_in("olle", "a wrong guess").get();
    } catch (const Error&) {
    }
    wrong.push_back(ms_since(start));
  }
  try {
    api.sign_in("olle", "the guess that locks").get();
  } catch (const Error&) {
  }
  for (int i = 0; i < kRequests; ++i) {
    const auto start = Steady::now();
    try {
      api.sign_in("olle", "a guess while locked").get();
      std::fprintf(stderr, "a locked login signed in\n");
      return 1;
    } catch (const Error& e) {
      if (e.code() != ErrorCode::too_many_attempts) {
        std::fprintf(stderr, "a locked login answered %s\n", e.detail().c_str());
        return 1;
      }
    }
    locked.push_back(ms_since(start));
  }

  std::printf("database: %s\n", kanald.database().is_postgresql() ? "postgresql" : "sqlite");
  std::printf("kanald cold start to healthy: %.0f ms\n", start_ms);
  std::printf("GET /api/v1/posts (first page of 50, %d drafts): p50 %.2f ms, p99 %.2f ms over %d requests\n", kDrafts,
              percentile(first_page, 0.50), percentile(first_page, 0.99), kRequests);
  std::printf("GET /api/v1/posts?cursor=… (a page deep in the list): p50 %.2f ms, p99 %.2f ms\n",
              percentile(deep_page, 0.50), percentile(deep_page, 0.99));
  std::printf("GET /api/v1/posts as an officer with a restricted account closed to them: p50 %.2f ms, p99 %.2f ms\n",
              percentile(restricted_page, 0.50), percentile(restricted_page, 0.99));
  std::printf("POST /api/v1/sessions, a wrong password: p50 %.1f ms; a locked login: p50 %.2f ms, p99 %.2f ms\n",
              percentile(wrong, 0.50), percentile(locked, 0.50), percentile(locked, 0.99));
  return 0;
}
