// Benchmark (not a timed test): how many posts per second kanald publishes to
// the sandbox network with 50 ms of latency on every request and 20
// connected accounts; and how long loading the Mastodon plugin takes.
#include <chrono>
#include <cstdio>
#include <regex>
#include <thread>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"

using namespace kanal;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kAccounts = 20;
constexpr int kPostsPerAccount = 25;

int settled(const test::KanaldProcess& kanald) {
  auto db = kanald.database().open();
  Poco::Int64 count = 0;
  db->read([&](Poco::Data::Session& s) {
    s << "SELECT COUNT(*) FROM outbox WHERE state IN ('published', 'failed')", Poco::Data::Keywords::into(count),
        Poco::Data::Keywords::now;
  });
  return static_cast<int>(count);
}

}  // namespace

int main() {
  test::SandboxProcess sandbox({"--accounts", std::to_string(kAccounts), "--auto-approve"});
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint(), 4);
  const auto accounts = test::connect_all_sandbox_accounts(api, sandbox, kAccounts);
  wire::PublishRequest to_all;
  for (const auto& account : accounts) to_all.accounts.push_back(account.id);

  sandbox.set_latency(std::chrono::milliseconds(50));

  std::vector<PostId> posts;
  for (int i = 0; i < kPostsPerAccount; ++i) {
    posts.push_back(api.create_post({"Benchmark post " + std::to_string(i), {}}).get().id);
  }
  const auto started = Steady::now();
  for (const auto id : posts) api.publish(id, to_all).get();
  const int total = kAccounts * kPostsPerAccount;
  while (settled(kanald) < total) {
    if (Steady::now() - started > std::chrono::minutes(3)) {
      std::fprintf(stderr, "only %d of %d deliveries settled in 3 minutes\n", settled(kanald), total);
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const double seconds = std::chrono::duration<double>(Steady::now() - started).count();
  std::printf("published %d posts (%d accounts x %d) with 50 ms network latency in %.2f s: %.0f posts/s\n", total,
              kAccounts, kPostsPerAccount, seconds, total / seconds);
  std::printf("sandbox received %u statuses\n", sandbox.statuses().Size());

  std::smatch load;
  const auto log = kanald.log();
  if (std::regex_search(log, load, std::regex(R"(loaded: mastodon \(Mastodon\) in (\d+) µs)"))) {
    std::printf("Mastodon plugin load time: %s µs\n", load[1].str().c_str());
  }
  return 0;
}
