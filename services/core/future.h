#pragma once
// A future with a continuation. std::future cannot say "call me when done",
// which is what a UI needs (the continuation posts itself to the UI thread);
// this one can, and still offers a blocking get() for the command line.

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace kanal {

// Either a value or the exception that stood in its place.
template <class T>
class Result {
 public:
  explicit Result(T value) : content_(std::move(value)) {}
  explicit Result(std::exception_ptr error) : content_(std::move(error)) {}

  bool ok() const noexcept { return std::holds_alternative<T>(content_); }
  // The value, or the stored exception rethrown.
  T& value() {
    if (!ok()) {
      auto error = std::get<std::exception_ptr>(content_);
      if (!error) throw std::logic_error("future's value was handed to its continuation");
      std::rethrow_exception(error);
    }
    return std::get<T>(content_);
  }
  std::exception_ptr error() const { return ok() ? nullptr : std::get<std::exception_ptr>(content_); }

 private:
  std::variant<T, std::exception_ptr> content_;
};

namespace detail {

// A continuation that throws has nowhere to report to; it must not take the
// completing thread (a worker, the HTTP engine) down with it.
template <class Fn, class R>
void run_continuation(Fn& fn, R result) noexcept {
  try {
    fn(std::move(result));
  } catch (...) {
  }
}

template <class T>
struct FutureState {
  std::mutex mutex;
  std::condition_variable ready_cv;
  std::optional<Result<T>> result;
  std::function<void(Result<T>)> continuation;
};

}  // namespace detail

template <class T>
class Future {
 public:
  Future() = default;
  explicit Future(std::shared_ptr<detail::FutureState<T>> state) : state_(std::move(state)) {}

  bool valid() const noexcept { return state_ != nullptr; }

  // Blocks until done; returns the value or rethrows the error.
  T get() {
    std::unique_lock lock(state_->mutex);
    state_->ready_cv.wait(lock, [&] { return state_->result.has_value(); });
    return std::move(state_->result->value());
  }

  // True when done within the timeout.
  bool wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(state_->mutex);
    return state_->ready_cv.wait_for(lock, timeout, [&] { return state_->result.has_value(); });
  }

  // Runs `fn` once with the result: on the thread that completes the
  // future, or at once on this thread when it is already done.
  void then(std::function<void(Result<T>)> fn) {
    std::unique_lock lock(state_->mutex);
    if (state_->result) {
      auto result = std::move(*state_->result);
      lock.unlock();
      detail::run_continuation(fn, std::move(result));
      return;
    }
    state_->continuation = std::move(fn);
  }

 private:
  std::shared_ptr<detail::FutureState<T>> state_;
};

template <class T>
class Promise {
 public:
  Promise() : state_(std::make_shared<detail::FutureState<T>>()) {}

  Future<T> future() const { return Future<T>(state_); }

  void set_value(T value) { complete(Result<T>(std::move(value))); }
  void set_error(std::exception_ptr error) { complete(Result<T>(std::move(error))); }

 private:
  void complete(Result<T> result) {
    std::unique_lock lock(state_->mutex);
    if (state_->result) throw std::logic_error("promise completed twice");
    if (state_->continuation) {
      auto fn = std::move(state_->continuation);
      state_->result.emplace(Result<T>(std::exception_ptr{}));  // mark done; value moves to fn
      lock.unlock();
      state_->ready_cv.notify_all();
      detail::run_continuation(fn, std::move(result));
      return;
    }
    state_->result.emplace(std::move(result));
    lock.unlock();
    state_->ready_cv.notify_all();
  }

  std::shared_ptr<detail::FutureState<T>> state_;
};

// Stands for "no value" in Future<Done>.
struct Done {};

// A future of fn(result) once `future` completes; fn takes Result<T>& and
// may throw, which fails the new future. Runs on the completing thread.
template <class T, class Fn>
auto transform(Future<T> future, Fn fn) -> Future<std::invoke_result_t<Fn, Result<T>&>> {
  using R = std::invoke_result_t<Fn, Result<T>&>;
  Promise<R> promise;
  auto next = promise.future();
  future.then([promise, fn = std::move(fn)](Result<T> result) mutable {
    try {
      promise.set_value(fn(result));
    } catch (...) {
      promise.set_error(std::current_exception());
    }
  });
  return next;
}

// A future that is already done.
template <class T>
Future<T> ready(T value) {
  Promise<T> promise;
  promise.set_value(std::move(value));
  return promise.future();
}

// A future that has already failed.
template <class T>
Future<T> failed(std::exception_ptr error) {
  Promise<T> promise;
  promise.set_error(std::move(error));
  return promise.future();
}

// A future of every value once all of `futures` complete; the first error
// (in argument order) if any failed.
template <class... T>
Future<std::tuple<T...>> all(Future<T>... futures) {
  struct Joint {
    std::mutex mutex;
    std::tuple<std::optional<Result<T>>...> results;
    std::size_t waiting = sizeof...(T);
    Promise<std::tuple<T...>> promise;
  };
  auto joint = std::make_shared<Joint>();
  auto next = joint->promise.future();
  auto finish = [joint] {
    std::exception_ptr error;
    std::apply([&](auto&... result) { ((error = error ? error : result->error()), ...); }, joint->results);
    if (error) return joint->promise.set_error(error);
    joint->promise.set_value(
        std::apply([](auto&... result) { return std::tuple<T...>(std::move(result->value())...); }, joint->results));
  };
  auto wait_for = [&](auto index, auto future) {
    future.then([joint, finish](auto result) {
      bool last = false;
      {
        std::lock_guard lock(joint->mutex);
        std::get<decltype(index)::value>(joint->results).emplace(std::move(result));
        last = --joint->waiting == 0;
      }
      if (last) finish();
    });
  };
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (wait_for(std::integral_constant<std::size_t, I>{}, std::move(futures)), ...);
  }
  (std::index_sequence_for<T...>{});
  return next;
}

}  // namespace kanal
