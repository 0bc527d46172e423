// The Bluesky plugin against the suite's local network (a real PLC, PDS and
// AppView on 127.0.0.1): how long a plugin takes to load, how many posts per
// second reach the PDS (accounts publishing threads of three parts, one
// image each, at once), and how long after Publish a post is visible in the
// AppView (median and p99). In the suite it runs small; for the closing
// figures: bluesky_bench --accounts 20 --threads 5 --samples 100.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "bench_options.h"
#include "networks/plugin_registry.h"
#include "support/bluesky_network.h"
#include "support/images.h"

using namespace kanal;
using bench::option;
using bench::percentile;
using Steady = std::chrono::steady_clock;

namespace {

double ms_since(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

plugin::Publication thread(const std::string& key) {
  plugin::Publication publication;
  publication.idempotency_key = key;
  publication.language = "sv";
  publication.parts = {{"1/3 Bostadsbidraget betalas ut den 20:e.", {}, {}},
                       {"2/3 Ansök i appen med BankID.", {}, {}},
                       {"3/3 Frågor? Svara på det här inlägget.", {}, {}}};
  publication.parts[0].media.push_back({test::tiny_png(), "image/png", "karta.png", "Karta över kontoret"});
  return publication;
}

}  // namespace

int main(int argc, char** argv) {
  const int accounts = option(argc, argv, "--accounts", 2);
  const int threads_each = option(argc, argv, "--threads", 2);
  const int samples = option(argc, argv, "--samples", 5);
  test::BlueskyNetwork network(KANAL_TEST_BLUESKY_DIR);
  net::HttpEngine http;
  SystemClock clock;

  // Plugin load: dlopen, handshake, create. The first load of a library maps
  // it (cold); later ones find it mapped, as a restarted registry would.
  for (const char* name : {"bluesky", "mastodon"}) {
    std::vector<double> load_ms;
    for (int i = 0; i < 15; ++i) {
      networks::PluginRegistry registry(http, clock, Poco::Logger::get("bench"));
      const auto start = Steady::now();
      registry.load(std::string(KANAL_PLUGIN_DIR "/") + name + ".so");
      load_ms.push_back(ms_since(start));
    }
    std::printf("plugin load (dlopen, handshake, create) of %s: first %.2f ms, again (median of 14) %.3f ms\n", name,
                load_ms.front(), percentile({load_ms.begin() + 1, load_ms.end()}, 0.5));
  }

  networks::PluginWorkspace workspace;
  workspace.override_setting("bluesky", "url", network.pds_url());
  workspace.override_setting("bluesky", "plc_url", network.plc_url());
  networks::PluginRegistry registry(http, clock, Poco::Logger::get("bench"), &workspace);
  registry.load(KANAL_PLUGIN_DIR "/bluesky.so");
  auto* bluesky = registry.find("bluesky");
  std::vector<plugin::Connection> connections;
  for (int i = 0; i < accounts; ++i) {
    const auto person = network.create_person("bench");
    connections.push_back(bluesky->sign_in({"", person.handle, person.app_password}).get().accounts.at(0).connection);
  }

  // Throughput: every account publishes its threads, all accounts at once
  // (the plugin runs four at a time, as kanald's publisher would hand them over).
  const auto start = Steady::now();
  std::vector<Future<plugin::Published>> pending;
  for (int t = 0; t < threads_each; ++t) {
    for (int a = 0; a < accounts; ++a) {
      pending.push_back(bluesky->publish(connections[static_cast<std::size_t>(a)],
                                         thread("bench-" + std::to_string(a) + "-" + std::to_string(t))));
    }
  }
  std::size_t parts = 0;
  for (auto& future : pending) parts += future.get().part_ids.size();
  const double seconds = ms_since(start) / 1000.0;
  std::printf("publishing: %zu threads of 3 with one image from %d accounts in %.2f s: %.1f posts/s (%.1f threads/s)\n",
              pending.size(), accounts, seconds, static_cast<double>(parts) / seconds,
              static_cast<double>(pending.size()) / seconds);

  // From Publish to visible in the AppView (getPosts polled every 10 ms).
  std::vector<double> visible_ms;
  for (int i = 0; i < samples; ++i) {
    plugin::Publication post;
    post.idempotency_key = "visible-" + std::to_string(i);
    post.parts = {{"Öppettider i dag: 9–15.", {}, {}}};
    const auto published_at = Steady::now();
    const auto uri = bluesky->publish(connections.front(), post).get().network_id;
    while (bluesky->post_metrics(connections.front(), {uri}).get().at(0).exists == false) {
      if (ms_since(published_at) > 30'000) {
        std::printf("a post was not visible after 30 s\n");
        return 1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    visible_ms.push_back(ms_since(published_at));
  }
  std::printf("Publish to visible in the AppView, %d posts: median %.0f ms, p99 %.0f ms, max %.0f ms\n", samples,
              percentile(visible_ms, 0.5), percentile(visible_ms, 0.99),
              *std::max_element(visible_ms.begin(), visible_ms.end()));
  return parts == pending.size() * 3 ? 0 : 1;
}
