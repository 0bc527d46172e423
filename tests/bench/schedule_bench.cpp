// Benchmark (not a timed test): 1,000 posts scheduled for the same moment
// across 20 sandbox accounts, with 50 ms of latency on every request. Prints
// how late they reached the network (p50 / p99 / max, from the sandbox's
// own record of each request), and, for a second burst paused half-way,
// the time from pressing pause to the last request reaching the network
// and how many arrived after kanald acknowledged the pause (must be 0).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include <date/tz.h>

#include "api/client/api_client.h"
#include "core/json.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"

using namespace kanal;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kAccounts = 20;
constexpr int kPosts = 1000;
constexpr int kPausedBurst = 500;
constexpr const char* kZone = "Europe/Stockholm";

Timestamp system_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// When each status reached the sandbox (its request log), oldest first.
std::vector<Timestamp> arrivals(test::SandboxProcess& sandbox) {
  const auto requests = sandbox.requests();
  std::vector<Timestamp> at;
  for (const auto& request : requests.GetArray()) {
    if (std::string(request["method"].GetString()) == "POST" &&
        std::string(request["path"].GetString()) == "/api/v1/statuses" && request["status"].GetInt() == 200) {
      at.push_back(*parse_iso8601(request["at"].GetString()));
    }
  }
  std::sort(at.begin(), at.end());
  return at;
}

// Creates `count` posts and schedules them all for one moment, far enough
// ahead that scheduling them is done first; returns the moment.
Timestamp schedule_burst(client::ApiClient& api, const std::vector<Account>& accounts, int count,
                         const std::string& label) {
  std::vector<PostId> posts;
  for (int i = 0; i < count; ++i) {
    posts.push_back(api.create_post({label + " " + std::to_string(i), {}}).get().id);
  }
  const auto started = Steady::now();
  const auto due = std::chrono::ceil<std::chrono::seconds>(system_now() + 40s);
  const auto at = date::format("%Y-%m-%dT%H:%M:%S",
                               date::make_zoned(kZone, date::floor<std::chrono::seconds>(due)).get_local_time());
  for (int i = 0; i < count; ++i) {
    api.schedule_post(posts[static_cast<std::size_t>(i)],
                      {{accounts[static_cast<std::size_t>(i % kAccounts)].id}, at, kZone})
        .get();
  }
  std::fprintf(stderr, "scheduled %d posts in %.1f s\n", count,
               std::chrono::duration<double>(Steady::now() - started).count());
  if (system_now() >= due) std::fprintf(stderr, "warning: scheduling took longer than the lead time\n");
  return due;
}

double ms(std::chrono::milliseconds d) { return static_cast<double>(d.count()); }

}  // namespace

int main() {
  test::SandboxProcess sandbox({"--accounts", std::to_string(kAccounts), "--auto-approve"});
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint(), 4);
  const auto accounts = test::connect_all_sandbox_accounts(api, sandbox, kAccounts);
  sandbox.set_latency(50ms);

  // 1. Lateness of 1,000 posts due at the same second.
  const auto due = schedule_burst(api, accounts, kPosts, "Same-minute post");
  const auto deadline = Steady::now() + 5min;
  std::vector<Timestamp> arrived;
  while (Steady::now() < deadline) {
    arrived = arrivals(sandbox);
    if (static_cast<int>(arrived.size()) >= kPosts) break;
    std::this_thread::sleep_for(500ms);
  }
  if (static_cast<int>(arrived.size()) != kPosts) {
    std::fprintf(stderr, "only %zu of %d posts arrived in 5 minutes\n", arrived.size(), kPosts);
    return 1;
  }
  auto late = [&](std::size_t i) { return std::chrono::duration_cast<std::chrono::milliseconds>(arrived[i] - due); };
  std::printf(
      "%d posts due at the same second on %d accounts, 50 ms network latency: lateness p50 %.0f ms, "
      "p99 %.0f ms, max %.0f ms; the first arrived %.0f ms after its time\n",
      kPosts, kAccounts, ms(late(arrived.size() / 2)), ms(late(arrived.size() * 99 / 100)),
      ms(late(arrived.size() - 1)), ms(late(0)));

  // 2. A burst paused half-way.
  const auto before = arrived.size();
  const auto second_due = schedule_burst(api, accounts, kPausedBurst, "Burst post");
  while (Steady::now() < deadline + 2min && arrivals(sandbox).size() < before + kPausedBurst / 2) {
    std::this_thread::sleep_for(5ms);
  }
  const auto pressed = system_now();
  const auto pause = api.pause({"Benchmark: a crisis", {}}).get();
  const auto acknowledged = system_now();
  std::this_thread::sleep_for(3s);
  const auto after = arrivals(sandbox);
  const auto last = after.back();
  const auto after_ack = std::count_if(after.begin(), after.end(), [&](Timestamp at) { return at > acknowledged; });
  std::printf(
      "pause during a burst (%d due at %s): acknowledged %.0f ms after it was pressed (quiet: %s); "
      "the last request reached the network %.0f ms after pressing; %zu of %d had arrived; "
      "%ld arrived after the acknowledgement\n",
      kPausedBurst, to_iso8601(second_due).c_str(), ms(acknowledged - pressed), pause.quiet ? "yes" : "no",
      ms(std::chrono::duration_cast<std::chrono::milliseconds>(last - pressed)), after.size() - before, kPausedBurst,
      static_cast<long>(after_ack));
  return after_ack == 0 ? 0 : 1;
}
