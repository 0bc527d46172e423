#pragma once
// Waiting, bounded, for what another process does in its own time.

#include <chrono>
#include <thread>

namespace kanal::test {

// True as soon as `done()` is; false if it is not within `timeout`.
template <class Predicate>
bool eventually(Predicate done, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

}  // namespace kanal::test
