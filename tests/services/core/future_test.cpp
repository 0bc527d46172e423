#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>

#include "core/executor.h"
#include "core/future.h"

using namespace std::chrono_literals;

TEST_CASE("a future from the executor yields the value or rethrows the error") {
  kanal::Executor executor(2);
  CHECK(executor.submit([] { return 42; }).get() == 42);
  auto failing = executor.submit([]() -> int { throw std::runtime_error("boom"); });
  CHECK_THROWS_WITH(failing.get(), "boom");
}

TEST_CASE("a continuation runs once, whether attached before or after completion") {
  kanal::Promise<int> early;
  std::atomic<int> seen{0};
  early.future().then([&](kanal::Result<int> result) { seen += result.value(); });
  early.set_value(5);
  CHECK(seen == 5);

  kanal::Promise<int> late;
  late.set_value(7);
  late.future().then([&](kanal::Result<int> result) { seen += result.value(); });
  CHECK(seen == 12);
}

TEST_CASE("a continuation sees the error") {
  kanal::Promise<int> promise;
  bool failed = false;
  promise.future().then([&](kanal::Result<int> result) {
    failed = !result.ok();
    CHECK_THROWS_AS(result.value(), std::runtime_error);
  });
  promise.set_error(std::make_exception_ptr(std::runtime_error("x")));
  CHECK(failed);
}

TEST_CASE("completing a promise twice is a logic error") {
  kanal::Promise<int> promise;
  promise.set_value(1);
  CHECK_THROWS_AS(promise.set_value(2), std::logic_error);
}

TEST_CASE("the executor finishes queued work before its destructor returns") {
  std::atomic<int> done{0};
  {
    kanal::Executor executor(1);
    for (int i = 0; i < 20; ++i) executor.submit([&] { return ++done; });
  }
  CHECK(done == 20);
}

TEST_CASE("wait_for times out on a future that is not done") {
  kanal::Promise<int> promise;
  auto future = promise.future();
  CHECK_FALSE(future.wait_for(10ms));
  promise.set_value(1);
  CHECK(future.wait_for(10ms));
}

TEST_CASE("all() gives every value once the last future completes, or the first error") {
  kanal::Promise<int> number;
  kanal::Promise<std::string> word;
  auto both = kanal::all(number.future(), word.future());
  word.set_value("ett");
  CHECK_FALSE(both.wait_for(std::chrono::milliseconds(10)));
  number.set_value(1);
  const auto [n, w] = both.get();
  CHECK(n == 1);
  CHECK(w == "ett");

  kanal::Promise<int> fine;
  kanal::Promise<int> broken;
  auto failed = kanal::all(fine.future(), broken.future());
  broken.set_error(std::make_exception_ptr(std::runtime_error("lost")));
  fine.set_value(2);
  CHECK_THROWS_WITH(failed.get(), "lost");
}
