#include "test_browser.h"

#include "api/client/http_client.h"

namespace kanal::test {

void TestBrowser::open(const std::string& url) {
  std::lock_guard lock(mutex_);
  opened_.push_back(url);
  if (!approve_) return;
  // Off the UI thread: the app keeps running while the "person" clicks.
  threads_.emplace_back([this, url] {
    try {
      client::HttpRequest back;
      back.url = sandbox_.approve_in_browser(url);
      client::perform(back);
    } catch (const std::exception& e) {
      std::lock_guard error_lock(mutex_);
      error_ = e.what();
    }
  });
}

std::string TestBrowser::approve_last() {
  std::string url;
  {
    std::lock_guard lock(mutex_);
    if (opened_.empty()) return "(no page was opened)";
    url = opened_.back();
  }
  client::HttpRequest back;
  back.url = sandbox_.approve_in_browser(url);
  return client::perform(back).body;
}

void TestBrowser::join() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    threads.swap(threads_);
  }
  for (auto& thread : threads) thread.join();
}

std::string TestBrowser::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

std::vector<std::string> TestBrowser::opened() const {
  std::lock_guard lock(mutex_);
  return opened_;
}

}  // namespace kanal::test
