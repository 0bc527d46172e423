// The X plugin against the suite's X (a fake X behind Prism, every request
// and answer checked against X's OpenAPI description), with 50 ms of
// network latency added in front: how many posts per second reach X when
// Kanal publishes many at once (single posts, and threads of three parts
// with an image), and how long one post takes end to end (median, p99).
// In the suite it runs small; for the closing figures: x_bench --posts 200.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_options.h"
#include "networks/plugin_registry.h"
#include "support/fault_proxy.h"
#include "support/images.h"
#include "support/x_network.h"

using namespace kanal;
using bench::option;
using bench::percentile;
using Steady = std::chrono::steady_clock;

namespace {

// Publishes `count` publications at once; posts per second, and each one's time.
std::pair<double, std::vector<double>> run(plugin::Network& x, const plugin::Connection& connection, int count,
                                           int parts, const std::string& tag) {
  std::vector<Future<plugin::Published>> pending;
  std::vector<Steady::time_point> started;
  const auto start = Steady::now();
  for (int i = 0; i < count; ++i) {
    plugin::Publication publication;
    publication.idempotency_key = tag + std::to_string(i);
    for (int part = 0; part < parts; ++part) {
      publication.parts.push_back({"Inlägg " + tag + std::to_string(i) + " del " + std::to_string(part + 1) +
                                       ": barnbidraget betalas ut den 20:e.",
                                   {},
                                   {}});
    }
    if (parts > 1) {
      publication.parts[0].media.push_back({test::tiny_png(), "image/png", "karta.png", "Karta över kontoret"});
    }
    started.push_back(Steady::now());
    pending.push_back(x.publish(connection, publication));
  }
  std::vector<double> each;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    pending[i].get();
    each.push_back(std::chrono::duration<double, std::milli>(Steady::now() - started[i]).count());
  }
  const double seconds = std::chrono::duration<double>(Steady::now() - start).count();
  return {count * parts / seconds, each};
}

}  // namespace

int main(int argc, char** argv) {
  const int posts = option(argc, argv, "--posts", 20);
  const int latency_ms = option(argc, argv, "--latency-ms", 50);
  test::XNetwork network(KANAL_TEST_X_DIR);
  network.set_rate_limit("POST /2/tweets", 1'000'000);  // X's own limit is not what is measured
  network.set_rate_limit("POST /2/media/upload", 1'000'000);
  test::FaultProxy distant(network.api_url());
  distant.set_latency(std::chrono::milliseconds(latency_ms));

  net::HttpEngine http;
  SystemClock clock;
  networks::PluginWorkspace workspace;
  workspace.override_setting("x", "client_id", test::XNetwork::kClientId);
  workspace.override_setting("x", "client_secret", test::XNetwork::kClientSecret);
  workspace.override_setting("x", "url", distant.url());
  workspace.override_setting("x", "oauth_url", network.fake_url());
  workspace.override_setting("x", "authorize_url", network.fake_url() + "/i/oauth2/authorize");
  networks::PluginRegistry registry(http, clock, Poco::Logger::get("x-bench"), &workspace);
  if (!registry.load(KANAL_PLUGIN_DIR "/x.so")) return 1;
  auto* x = registry.find("x");
  const auto authorization = x->begin_authorization("", "http://127.0.0.1:9/callback").get();
  const auto back = network.consent(authorization.authorize_url);
  const auto code_at = back.find("code=") + 5;
  const auto code = back.substr(code_at, back.find('&', code_at) - code_at);
  const auto connection = x->complete_authorization("", authorization, code).get().accounts.at(0).connection;

  const auto [single_rate, single] = run(*x, connection, posts, 1, "s");
  std::printf("x: %d single posts through Prism with %d ms latency: %.1f posts/s; each %.0f ms median, %.0f ms p99\n",
              posts, latency_ms, single_rate, percentile(single, 0.5), percentile(single, 0.99));
  const auto [thread_rate, threads] = run(*x, connection, std::max(1, posts / 4), 3, "t");
  std::printf("x: %d threads of 3 parts (one image) : %.1f parts/s; each thread %.0f ms median, %.0f ms p99\n",
              std::max(1, posts / 4), thread_rate, percentile(threads, 0.5), percentile(threads, 0.99));
  return 0;
}
