#include "sandbox/sandbox_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <algorithm>
#include <thread>

#include "core/error.h"
#include "core/json.h"
#include "sandbox/control_api.h"
#include "sandbox/entities.h"
#include "sandbox/mastodon_api.h"

namespace kanal::sandbox {
namespace {

// The answer with its first item's account replaced by a number: that item
// no longer reads as Mastodon's entity; the others still do.
std::string spoil_first_item(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str(), body.size());
  if (doc.HasParseError() || !doc.IsArray() || doc.Empty() || !doc[0].IsObject()) return body;
  auto& first = doc[0];
  if (first.HasMember("account")) first["account"].SetInt(42);
  if (first.HasMember("status") && first["status"].IsObject()) first["status"]["account"].SetInt(42);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

struct Shared {
  SandboxState& state;
  FaultPlan& faults;
  Poco::Logger& logger;
  api::Router router;
};

api::Request to_request(Poco::Net::HTTPServerRequest& http) {
  api::Request request;
  Poco::URI uri(http.getURI());
  request.method = http.getMethod();
  request.path = uri.getPath();
  request.query_pairs = uri.getQueryParameters();
  for (const auto& [name, value] : request.query_pairs) request.query[name] = value;
  for (const auto& [name, value] : http) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    request.headers[lower] = value;
  }
  request.content_type = http.getContentType();
  Poco::StreamCopier::copyToString(http.stream(), request.body);
  return request;
}

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& http, Poco::Net::HTTPServerResponse& out) override {
    auto request = to_request(http);
    const bool control = request.path.rfind("/_sandbox/", 0) == 0;
    std::optional<Fault> fault;
    if (!control) {
      std::this_thread::sleep_for(shared_->faults.latency());
      fault = shared_->faults.take(request.path);
    }

    api::Response response;
    if (fault && fault->kind == FaultKind::server_error) {
      response = mastodon_error(503, "Service Unavailable (injected)");
    } else if (fault && fault->kind == FaultKind::unprocessable) {
      response = mastodon_error(422, "Validation failed (injected)");
    } else if (fault && fault->kind == FaultKind::rate_limited) {
      response = mastodon_error(429, "Too many requests");
      const auto reset = SystemClock{}.now() + std::max(fault->delay, std::chrono::milliseconds(2000));
      response.headers["X-RateLimit-Limit"] = "300";
      response.headers["X-RateLimit-Remaining"] = "0";
      response.headers["X-RateLimit-Reset"] = to_iso8601(reset);
    } else {
      response = dispatch(request);
    }
    if (!control) record(request, response.status);

    if (fault && fault->kind == FaultKind::drop_after) {
      out.setKeepAlive(false);  // processed, but the client never hears back
      return;
    }
    if (fault && fault->kind == FaultKind::malformed_json) response.body = R"({"id": "1100000, "content": )";
    if (fault && fault->kind == FaultKind::malformed_items) response.body = spoil_first_item(response.body);
    if (fault && fault->kind == FaultKind::timeout) std::this_thread::sleep_for(fault->delay);
    send(out, response);
  }

 private:
  api::Response dispatch(api::Request& request) {
    try {
      const auto match = shared_->router.match(request.method, request.path);
      request.path_params = match.params;
      return (*match.handler)(request);
    } catch (const Error& error) {
      const int status = error.code() == ErrorCode::not_found            ? 404
                         : error.code() == ErrorCode::method_not_allowed ? 405
                                                                         : 422;
      return mastodon_error(status, error.detail());
    } catch (const std::exception& error) {
      shared_->logger.error("%s %s failed: %s", request.method, request.path, std::string(error.what()));
      return mastodon_error(500, "internal error");
    }
  }

  void record(const api::Request& request, int status) {
    std::lock_guard lock(shared_->state.mutex());
    shared_->state.record(
        RecordedRequest{SystemClock{}.now(), request.method, request.path, request.header("idempotency-key"), status});
  }

  static void send(Poco::Net::HTTPServerResponse& out, const api::Response& response) {
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    for (const auto& [name, value] : response.headers) out.set(name, value);
    if (!response.content_type.empty()) out.setContentType(response.content_type);
    out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
    out.send() << response.body;
  }

  std::shared_ptr<Shared> shared_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(shared_);
  }

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace

SandboxServer::SandboxServer(SandboxState& state, FaultPlan& faults, Audience& audience, Poco::Logger& logger)
    : state_(state), faults_(faults), audience_(audience), logger_(logger) {}

SandboxServer::~SandboxServer() { stop(); }

void SandboxServer::start(const std::string& host, std::uint16_t port, bool auto_approve) {
  Poco::Net::ServerSocket socket;
  try {
    socket.bind(Poco::Net::SocketAddress(host, port), true);
    socket.listen(64);
  } catch (const Poco::Exception& e) {
    throw Error(ErrorCode::unavailable,
                "cannot listen on " + host + ":" + std::to_string(port) + ": " + e.displayText());
  }
  port_ = socket.address().port();
  auto shared = std::make_shared<Shared>(Shared{state_, faults_, logger_, {}});
  const auto base_url = "http://" + host + ":" + std::to_string(port_);
  add_oauth_routes(shared->router, state_, auto_approve);
  add_mastodon_routes(shared->router, state_, base_url);
  add_interaction_routes(shared->router, state_, base_url);
  add_control_routes(shared->router, state_, faults_, audience_);

  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(32);
  params->setKeepAlive(true);
  pool_ = std::make_unique<Poco::ThreadPool>(2, 32);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(shared), *pool_, socket, params);
  server_->start();
}

void SandboxServer::stop() {
  if (!server_) return;
  server_->stopAll(true);
  pool_->joinAll();
  server_.reset();
  pool_.reset();
}

}  // namespace kanal::sandbox
