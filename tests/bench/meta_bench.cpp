// The Facebook and Instagram plugins against the suite's Graph API (the fake
// that checks every request against Meta's spec files), with 50 ms of
// network latency added in front: how many posts per second reach a page
// when Kanal publishes many at once (text, and two photos with alt text),
// carousels to Instagram, and how fast the inbox takes in a page's comments.
// In the suite it runs small; for the closing figures:
// meta_bench --posts 200 --comments 10000.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_options.h"
#include "networks/plugin_registry.h"
#include "support/fault_proxy.h"
#include "support/images.h"
#include "support/meta_network.h"

using namespace kanal;
using bench::option;
using bench::percentile;
using Steady = std::chrono::steady_clock;

namespace {

// Publishes `count` posts at once; posts per second, and each one's time.
std::pair<double, std::vector<double>> run(plugin::Network& network, const plugin::Connection& connection, int count,
                                           int photos, const std::string& tag) {
  std::vector<Future<plugin::Published>> pending;
  std::vector<Steady::time_point> started;
  const auto start = Steady::now();
  for (int i = 0; i < count; ++i) {
    plugin::Publication publication;
    publication.idempotency_key = tag + std::to_string(i);
    publication.parts.push_back(
        {"Inlägg " + tag + std::to_string(i) + ": bostadsbidraget betalas ut den 20:e.", {}, {}});
    for (int p = 0; p < photos; ++p) {
      publication.parts[0].media.push_back({test::tiny_jpeg(), "image/jpeg", "bild.jpg", "Faktaruta om bidraget"});
    }
    started.push_back(Steady::now());
    pending.push_back(network.publish(connection, publication));
  }
  std::vector<double> each;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    pending[i].get();
    each.push_back(std::chrono::duration<double, std::milli>(Steady::now() - started[i]).count());
  }
  const double seconds = std::chrono::duration<double>(Steady::now() - start).count();
  return {count / seconds, each};
}

}  // namespace

int main(int argc, char** argv) {
  const int posts = option(argc, argv, "--posts", 20);
  const int comments = option(argc, argv, "--comments", 300);
  const int latency_ms = option(argc, argv, "--latency-ms", 50);
  std::string dir = KANAL_TEST_META_DIR;  // --dir: another running test network
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--dir") dir = argv[i + 1];
  }
  test::MetaNetwork network(dir);
  network.set_config(R"({"container_ready_ms":50})");
  test::FaultProxy distant(network.graph_url());
  distant.set_latency(std::chrono::milliseconds(latency_ms));

  net::HttpEngine http;
  SystemClock clock;
  networks::PluginWorkspace workspace;
  workspace.override_setting("facebook", "app_id", test::MetaNetwork::kAppId);
  workspace.override_setting("facebook", "app_secret", test::MetaNetwork::kAppSecret);
  workspace.override_setting("facebook", "graph_url", distant.url());
  workspace.override_setting("facebook", "web_url", network.graph_url());
  networks::PluginRegistry registry(http, clock, Poco::Logger::get("meta-bench"), &workspace);
  if (!registry.load(KANAL_PLUGIN_DIR "/facebook.so") || !registry.load(KANAL_PLUGIN_DIR "/instagram.so")) return 1;
  auto* facebook = registry.find("facebook");
  auto* instagram = registry.find("instagram");
  const auto authorization = facebook->begin_authorization("", "http://127.0.0.1:9/callback").get();
  const auto back = network.consent(authorization.authorize_url);
  const auto code_at = back.find("code=") + 5;
  const auto code = back.substr(code_at, back.find_first_of("&#", code_at) - code_at);
  plugin::Connection page, insta;
  for (const auto& offer : facebook->complete_authorization("", authorization, code).get().accounts) {
    if (offer.network == "instagram") insta = offer.connection;
    if (offer.network == "facebook" && offer.profile.display_name == "Kanal Test Agency") page = offer.connection;
  }

  const auto [text_rate, text] = run(*facebook, page, posts, 0, "t");
  std::printf("facebook: %d text posts with %d ms latency: %.1f posts/s; each %.0f ms median, %.0f ms p99\n", posts,
              latency_ms, text_rate, percentile(text, 0.5), percentile(text, 0.99));
  const auto [photo_rate, photo] = run(*facebook, page, std::max(1, posts / 2), 2, "p");
  std::printf("facebook: %d posts with two photos and alt text: %.1f posts/s; each %.0f ms median, %.0f ms p99\n",
              std::max(1, posts / 2), photo_rate, percentile(photo, 0.5), percentile(photo, 0.99));
  const auto [carousel_rate, carousel] = run(*instagram, insta, std::max(1, posts / 4), 2, "c");
  std::printf("instagram: %d carousels of two photos: %.1f posts/s; each %.0f ms median, %.0f ms p99\n",
              std::max(1, posts / 4), carousel_rate, percentile(carousel, 0.5), percentile(carousel, 0.99));

  // A page's comments, spread over ten posts, taken in by one inbox round.
  std::vector<std::string> on;
  for (int i = 0; i < 10; ++i) {
    plugin::Publication publication;
    publication.idempotency_key = "inbox" + std::to_string(i);
    publication.parts.push_back({"Fråga oss om bostadsbidraget, del " + std::to_string(i), {}, {}});
    on.push_back(facebook->publish(page, publication).get().network_id);
  }
  for (int i = 0; i < comments; ++i) {
    network.comment(i % 2 == 0 ? "Anna Andersson" : "Lars Berg", on[static_cast<std::size_t>(i) % on.size()],
                    "Kommentar " + std::to_string(i) + ": när kommer beslutet?");
  }
  const auto start = Steady::now();
  const auto page_of_items = facebook->fetch_interactions(page, "").get();
  const double seconds = std::chrono::duration<double>(Steady::now() - start).count();
  std::printf("facebook: inbox round over %d comments on 10 posts: %zu items in %.2f s, %.0f comments/s\n", comments,
              page_of_items.items.size(), seconds, static_cast<double>(page_of_items.items.size()) / seconds);
  return page_of_items.items.size() >= static_cast<std::size_t>(comments) ? 0 : 1;
}
