// SIGTERM while clients are writing: every draft kanald acknowledged is still
// there after a restart; kanald exits 0 and withdraws its endpoint.
#include <catch2/catch.hpp>

#include <signal.h>
#include <atomic>
#include <mutex>
#include <thread>

#include "api/client/api_client.h"
#include "core/error.h"
#include "core/paths.h"
#include "support/kanald_process.h"

using namespace kanal;

TEST_CASE("SIGTERM during requests loses no acknowledged draft") {
  test::KanaldProcess kanald;
  const auto endpoint = kanald.endpoint();

  std::mutex mutex;
  std::vector<PostId> acknowledged;
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      client::ApiClient api(endpoint, 1, std::chrono::seconds(10));
      for (int i = 0; i < 400; ++i) {  // bounded: kanald stops long before
        try {
          auto post = api.create_post({"writer " + std::to_string(w) + " draft " + std::to_string(i), {}}).get();
          std::lock_guard lock(mutex);
          acknowledged.push_back(post.id);
        } catch (const Error&) {
          ++failures;
          return;  // kanald is going away
        }
      }
    });
  }
  // Let the writers get going, then stop kanald under load.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    {
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 40) break;
    }
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(kanald.stop() == 0);
  for (auto& writer : writers) writer.join();
  CHECK_FALSE(read_local_endpoint(kanald.data_dir()));

  kanald.start();
  client::ApiClient api(kanald.endpoint());
  std::size_t found = 0;
  for (const auto id : acknowledged) {
    auto post = api.get_post(id).get();  // throws not_found if lost
    if (post.id == id) ++found;
  }
  CHECK(found == acknowledged.size());
  INFO("acknowledged " << acknowledged.size() << ", writers stopped by errors: " << failures.load());
  CHECK(acknowledged.size() >= 40);
}
