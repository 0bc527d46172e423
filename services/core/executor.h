#pragma once
// An owned pool of worker threads. Whoever owns the Executor owns the
// threads: the destructor finishes queued work and joins them (never detach).

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/future.h"

namespace kanal {

class Executor {
 public:
  explicit Executor(unsigned thread_count);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Runs `fn` on a worker; its return value (or exception) completes the future.
  template <class Fn>
  auto submit(Fn fn) -> Future<std::invoke_result_t<Fn>> {
    using T = std::invoke_result_t<Fn>;
    Promise<T> promise;
    auto future = promise.future();
    post([promise, fn = std::move(fn)]() mutable {
      try {
        promise.set_value(fn());
      } catch (...) {
        promise.set_error(std::current_exception());
      }
    });
    return future;
  }

 private:
  void post(std::function<void()> task);
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kanal
