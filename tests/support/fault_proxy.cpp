#include "support/fault_proxy.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <optional>
#include <thread>

#include "api/client/http_client.h"
#include "core/time.h"

namespace kanal::test {
namespace {

std::optional<FaultProxy::Fault> take(FaultProxy::Shared& shared, const std::string& path) {
  std::lock_guard lock(shared.mutex);
  shared.paths.push_back(path);
  for (auto& planned : shared.faults) {
    if (planned.count <= 0 || path.rfind(planned.path_prefix, 0) != 0) continue;
    if (planned.skip > 0) {
      --planned.skip;
      return std::nullopt;
    }
    --planned.count;
    return planned.fault;
  }
  return std::nullopt;
}

class Forward final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Forward(std::shared_ptr<FaultProxy::Shared> shared) : shared_(std::move(shared)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
    const auto uri = in.getURI();
    const auto fault = take(*shared_, uri.substr(0, uri.find('?')));
    std::chrono::milliseconds latency{0};
    {
      std::lock_guard lock(shared_->mutex);
      latency = shared_->latency;
    }
    if (latency.count() > 0) std::this_thread::sleep_for(latency);
    if (fault == FaultProxy::Fault::rate_limited) {
      const auto reset = to_unix_ms(SystemClock{}.now()) / 1000 + 3;
      out.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_TOO_MANY_REQUESTS);
      out.set("ratelimit-limit", "30");
      out.set("ratelimit-remaining", "0");
      out.set("ratelimit-reset", std::to_string(reset));
      const std::string body = R"({"error":"RateLimitExceeded","message":"Rate Limit Exceeded"})";
      out.setContentType("application/json");
      out.setContentLength64(static_cast<Poco::Int64>(body.size()));
      out.send() << body;
      return;
    }
    client::HttpRequest request;
    request.method = in.getMethod();
    request.url = shared_->target_url + uri;
    for (const char* header : {"Authorization", "Content-Type", "Accept"}) {
      if (in.has(header)) request.headers[header] = in.get(header);
    }
    Poco::StreamCopier::copyToString(in.stream(), request.body);
    client::HttpResponse answer;
    try {
      answer = client::perform(request);
    } catch (const std::exception& e) {
      answer = client::HttpResponse{502, e.what(), {}};
    }
    if (fault == FaultProxy::Fault::drop_after) {
      out.setKeepAlive(false);  // done on the server; the client never hears back
      return;
    }
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    if (auto type = answer.headers.find("content-type"); type != answer.headers.end()) out.setContentType(type->second);
    out.setContentLength64(static_cast<Poco::Int64>(answer.body.size()));
    out.send() << answer.body;
  }

 private:
  std::shared_ptr<FaultProxy::Shared> shared_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(std::shared_ptr<FaultProxy::Shared> shared) : shared_(std::move(shared)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Forward(shared_);
  }

 private:
  std::shared_ptr<FaultProxy::Shared> shared_;
};

}  // namespace

FaultProxy::FaultProxy(std::string target_url) : shared_(std::make_shared<Shared>()) {
  shared_->target_url = std::move(target_url);
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  port_ = socket.address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(8);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(shared_), socket, params);
  server_->start();
}

FaultProxy::~FaultProxy() { server_->stopAll(true); }

std::string FaultProxy::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FaultProxy::add(Fault fault, std::string path_prefix, int count, int skip) {
  std::lock_guard lock(shared_->mutex);
  shared_->faults.push_back({fault, std::move(path_prefix), count, skip});
}

void FaultProxy::set_latency(std::chrono::milliseconds latency) {
  std::lock_guard lock(shared_->mutex);
  shared_->latency = latency;
}

std::size_t FaultProxy::requests_to(const std::string& path_prefix) const {
  std::lock_guard lock(shared_->mutex);
  std::size_t count = 0;
  for (const auto& path : shared_->paths) count += path.rfind(path_prefix, 0) == 0 ? 1 : 0;
  return count;
}

}  // namespace kanal::test
