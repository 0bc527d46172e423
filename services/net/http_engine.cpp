#include "net/http_engine.h"

#include <curl/curl.h>

#include <algorithm>

namespace kanal::net {

std::string HttpResponse::header(const std::string& lower_case_name) const {
  auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

void add_header_line(std::map<std::string, std::string>& headers, std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string value(line.substr(colon + 1));
  value.erase(0, value.find_first_not_of(" \t"));
  value.erase(value.find_last_not_of(" \t\r\n") + 1);
  headers[name] = value;
}

struct HttpEngine::Transfer {
  HttpRequest request;
  Promise<HttpResponse> promise;
  HttpResponse response;
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  curl_mime* mime = nullptr;

  ~Transfer() {
    if (easy != nullptr) curl_easy_cleanup(easy);
    if (header_list != nullptr) curl_slist_free_all(header_list);
    if (mime != nullptr) curl_mime_free(mime);
  }
};

namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<HttpEngine::Transfer*>(user);
  // A body without Content-Length is capped as it arrives (curl checks only the declared size).
  if (transfer->response.body.size() + size * count > transfer->request.max_response_bytes) return 0;
  transfer->response.body.append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  const std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) response->headers.clear();  // a new response (after 100 Continue)
  add_header_line(response->headers, line);
  return size * count;
}

}  // namespace

HttpEngine::HttpEngine() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  multi_ = curl_multi_init();
  if (multi_ == nullptr) throw Error(ErrorCode::internal, "libcurl could not create a multi handle");
  thread_ = std::thread([this] { run(); });
}

HttpEngine::~HttpEngine() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  curl_multi_wakeup(multi_);
  thread_.join();
  curl_multi_cleanup(multi_);
}

Future<HttpResponse> HttpEngine::send(HttpRequest request) {
  auto transfer = std::make_unique<Transfer>();
  transfer->request = std::move(request);
  auto future = transfer->promise.future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      transfer->promise.set_error(std::make_exception_ptr(TransportError(false, "kanald is stopping")));
      return future;
    }
    queued_.push_back(std::move(transfer));
  }
  curl_multi_wakeup(multi_);
  return future;
}

Future<Done> HttpEngine::after(std::chrono::milliseconds delay) {
  Promise<Done> promise;
  auto future = promise.future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      promise.set_error(std::make_exception_ptr(TransportError(false, "kanald is stopping")));
      return future;
    }
    timers_.emplace(std::chrono::steady_clock::now() + delay, std::move(promise));
  }
  curl_multi_wakeup(multi_);
  return future;
}

void HttpEngine::start(std::unique_ptr<Transfer> transfer) {
  auto& request = transfer->request;
  CURL* easy = curl_easy_init();
  transfer->easy = easy;
  for (const auto& [name, value] : request.headers) {
    transfer->header_list = curl_slist_append(transfer->header_list, (name + ": " + value).c_str());
  }
  transfer->header_list = curl_slist_append(transfer->header_list, "Expect:");
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->header_list);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_response_bytes));
  if (request.must_not_resend) {
    curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
  }
  if (!request.form.empty()) {
    transfer->mime = curl_mime_init(easy);
    for (const auto& part : request.form) {
      curl_mimepart* mime_part = curl_mime_addpart(transfer->mime);
      curl_mime_name(mime_part, part.name.c_str());
      curl_mime_data(mime_part, part.value.data(), part.value.size());
      if (!part.filename.empty()) curl_mime_filename(mime_part, part.filename.c_str());
      if (!part.content_type.empty()) curl_mime_type(mime_part, part.content_type.c_str());
    }
    curl_easy_setopt(easy, CURLOPT_MIMEPOST, transfer->mime);
  } else if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
             request.method == "PATCH") {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer->response);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer.get());
  curl_multi_add_handle(multi_, easy);
  active_.emplace(transfer.get(), std::move(transfer));
}

void HttpEngine::finish(Transfer* transfer, int curl_code) {
  auto owned = std::move(active_.at(transfer));
  active_.erase(transfer);
  curl_multi_remove_handle(multi_, owned->easy);
  const auto code = static_cast<CURLcode>(curl_code);
  if (code == CURLE_OK) {
    curl_easy_getinfo(owned->easy, CURLINFO_RESPONSE_CODE, &owned->response.status);
    owned->promise.set_value(std::move(owned->response));
    return;
  }
  // Whether anything was sent decides whether a retry could duplicate.
  curl_off_t uploaded = 0;
  long request_size = 0;
  curl_easy_getinfo(owned->easy, CURLINFO_REQUEST_SIZE, &request_size);
  curl_easy_getinfo(owned->easy, CURLINFO_SIZE_UPLOAD_T, &uploaded);
  const bool sent = request_size > 0 || uploaded > 0;
  std::string detail = owned->request.method + " " + owned->request.url + ": " + curl_easy_strerror(code);
  if (code == CURLE_FILESIZE_EXCEEDED || code == CURLE_WRITE_ERROR) {
    detail = owned->request.method + " " + owned->request.url + ": the response is over " +
             std::to_string(owned->request.max_response_bytes) + " bytes";
  }
  owned->promise.set_error(std::make_exception_ptr(TransportError(sent, detail)));
}

void HttpEngine::run() {
  for (;;) {
    std::deque<std::unique_ptr<Transfer>> starting;
    std::vector<Promise<Done>> due;
    bool stopping = false;
    int wait_ms = 1000;
    {
      std::lock_guard lock(mutex_);
      starting.swap(queued_);
      stopping = stopping_;
      const auto now = std::chrono::steady_clock::now();
      while (!timers_.empty() && (stopping || timers_.begin()->first <= now)) {
        due.push_back(std::move(timers_.begin()->second));
        timers_.erase(timers_.begin());
      }
      if (!timers_.empty()) {
        const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(timers_.begin()->first - now);
        wait_ms = static_cast<int>(std::clamp<std::int64_t>(until.count() + 1, 1, 1000));
      }
    }
    for (auto& timer : due) {
      if (stopping) {
        timer.set_error(std::make_exception_ptr(TransportError(false, "kanald is stopping")));
      } else {
        timer.set_value(Done{});
      }
    }
    if (stopping) {
      for (auto& transfer : starting) {
        transfer->promise.set_error(std::make_exception_ptr(TransportError(false, "kanald is stopping")));
      }
      while (!active_.empty()) {
        auto* transfer = active_.begin()->first;
        curl_multi_remove_handle(multi_, transfer->easy);
        auto owned = std::move(active_.begin()->second);
        active_.erase(active_.begin());
        owned->promise.set_error(std::make_exception_ptr(TransportError(true, "kanald stopped during the request")));
      }
      return;
    }
    for (auto& transfer : starting) start(std::move(transfer));

    int running = 0;
    curl_multi_perform(multi_, &running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* transfer = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
      finish(transfer, message->data.result);
    }
    curl_multi_poll(multi_, nullptr, 0, wait_ms, nullptr);
  }
}

}  // namespace kanal::net
