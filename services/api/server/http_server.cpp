#include "api/server/http_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <istream>
#include <thread>

#include "api/wire/problem.h"
#include "core/error.h"

namespace kanal::api {

struct ApiServer::Shared {
  Shared(ApiServerOptions options_in, Router router_in, Poco::Logger& logger_in)
      : options(std::move(options_in)), router(std::move(router_in)), logger(logger_in) {}
  ApiServerOptions options;
  Router router;
  Poco::Logger& logger;
  std::atomic<int> in_flight{0};
  std::uint16_t port = 0;  // bound, set before serving
};

namespace {

// Who is calling, and whether their role has the route's permission.
void authorize(const Poco::Net::HTTPServerRequest& http, Permission permission, const ApiServerOptions& options,
               Request& request) {
  if (permission == Permission::open) return;
  const std::string header = http.get("Authorization", std::string());
  const std::string prefix = "Bearer ";
  if (header.rfind(prefix, 0) != 0) {
    throw Error(ErrorCode::unauthorized, "an access token is required (Authorization: Bearer …); sign in first");
  }
  request.token = header.substr(prefix.size());
  const auto caller = options.authenticate(request.token);
  request.user = caller.user.id;
  request.role = caller.user.role;
  if (!role_may(request.role, permission)) {
    throw Error(ErrorCode::forbidden, "a " + std::string(to_string(request.role)) + " may not do this (it needs the '" +
                                          std::string(to_string(permission)) + "' permission)");
  }
}

// Refuses a request not addressed to kanald itself (Host) or sent by a web
// page (Origin): a page in the person's browser may neither drive the API
// nor read it, also not through a name of its own that resolves to
// 127.0.0.1 (DNS rebinding).
void require_own_address(const Poco::Net::HTTPServerRequest& http, const ListenAddress& listen, std::uint16_t port) {
  const auto suffix = ":" + std::to_string(port);
  const auto own = [&](const std::string& host) {
    for (const auto& name : {std::string("127.0.0.1"), std::string("localhost"), std::string("[::1]"),
                             listen.host.find(':') != std::string::npos ? "[" + listen.host + "]" : listen.host}) {
      if (host == name + suffix || host == name) return true;
    }
    return false;
  };
  const std::string host = http.get("Host", std::string());
  if (!own(host)) {
    throw Error(ErrorCode::forbidden, "kanald answers only requests addressed to it (Host: 127.0.0.1" + suffix +
                                          "), not to '" + host.substr(0, 100) + "'");
  }
  if (http.has("Origin")) {
    const std::string origin = http.get("Origin");
    const std::string scheme = "http://";
    if (origin.rfind(scheme, 0) != 0 || !own(origin.substr(scheme.size()))) {
      throw Error(ErrorCode::forbidden, "web pages may not use kanald's API");
    }
  }
}

// Error unsupported_media_type unless a body (one was read) is of a type the route reads.
void require_body_type(const Poco::Net::HTTPServerRequest& http, const std::string& body,
                       const Router::BodyTypes* accepted) {
  if (!accepted || body.empty()) return;
  std::string type = http.getContentType().substr(0, http.getContentType().find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  if (std::find(accepted->begin(), accepted->end(), type) != accepted->end()) return;
  std::string expected;
  for (const auto& name : *accepted) expected += (expected.empty() ? "" : ", ") + name;
  throw Error(ErrorCode::unsupported_media_type,
              "this request's body must be " + expected + ", not '" + type.substr(0, 100) + "'");
}

// Up to this much of a body over the limit is read and dropped before the
// 413 goes back: a client still sending would otherwise see the connection
// die instead of the answer. Larger bodies are cut off at once.
constexpr Poco::Int64 kMaxDrainBytes = 64 * 1024 * 1024;

std::string read_body(Poco::Net::HTTPServerRequest& http, std::size_t limit) {
  const auto declared = http.getContentLength64();
  if (declared > static_cast<Poco::Int64>(limit)) {
    if (declared <= kMaxDrainBytes) {
      char chunk[16384];
      auto& in = http.stream();
      while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
      }
    }
    throw Error(ErrorCode::payload_too_large,
                "the body is " + std::to_string(declared) + " bytes; the limit is " + std::to_string(limit));
  }
  std::string body;
  if (declared == 0) return body;
  auto& in = http.stream();
  char chunk[16384];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    body.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (body.size() > limit) {
      throw Error(ErrorCode::payload_too_large, "the body is over the limit of " + std::to_string(limit) + " bytes");
    }
  }
  // A stalled or vanished client leaves a short body: never act on half a request.
  if (declared > 0 && static_cast<Poco::Int64>(body.size()) != declared) {
    throw Error(ErrorCode::malformed_json, "the body ended after " + std::to_string(body.size()) + " of " +
                                               std::to_string(declared) + " bytes (timed out or disconnected)");
  }
  return body;
}

// Counts a request as in flight until its handler returns, however it returns.
struct InFlight {
  explicit InFlight(std::atomic<int>& count) : count_(count) { ++count_; }
  ~InFlight() { --count_; }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;
  std::atomic<int>& count_;
};

class RequestHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(std::shared_ptr<ApiServer::Shared> shared) : shared_(std::move(shared)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& http, Poco::Net::HTTPServerResponse& out) override {
    InFlight guard(shared_->in_flight);
    const auto started = std::chrono::steady_clock::now();
    Request request;
    Response response;
    bool body_read = false;
    try {
      Poco::URI uri(http.getURI());
      request.method = http.getMethod();
      request.path = uri.getPath();
      request.query_pairs = uri.getQueryParameters();
      for (const auto& [name, value] : request.query_pairs) request.query[name] = value;
      require_own_address(http, shared_->options.listen, shared_->port);
      const auto match = shared_->router.match(request.method, request.path);
      authorize(http, *match.permission, shared_->options, request);
      request.body =
          read_body(http, match.max_body_bytes != 0 ? match.max_body_bytes : shared_->options.max_body_bytes);
      body_read = true;
      require_body_type(http, request.body, match.body_types);
      request.content_type = http.getContentType();
      for (const auto& [name, value] : http) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        request.headers[lower] = value;
      }
      request.path_params = match.params;
      for (const auto* object_guard : match.guards) (*object_guard)(request);
      response = (*match.handler)(request);
    } catch (const Error& error) {
      response = problem(error);
      if (error.code() == ErrorCode::method_not_allowed) {
        response.headers["Allow"] = shared_->router.allowed_methods(request.path);
      }
    } catch (const Poco::SyntaxException& error) {
      response = problem(Error(ErrorCode::not_found, "malformed request URI: " + error.displayText()));
    } catch (const std::exception& error) {
      shared_->logger.error("%s %s failed: %s", request.method, request.path, std::string(error.what()));
      response = problem(Error(ErrorCode::internal, "an unexpected error happened; kanald's log has the details"));
    }
    // A body left unread would be parsed as the next request: close instead.
    if (!body_read) out.setKeepAlive(false);
    send(out, response);
    const auto elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    const std::string line = request.method + " " + request.path + " " + std::to_string(response.status) + " " +
                             std::to_string(elapsed_ms) + "ms";
    if (response.status >= 500) {
      shared_->logger.warning(line);
    } else {
      shared_->logger.debug(line);
    }
  }

 private:
  static Response problem(const Error& error) {
    Response response = Response::json(http_status(error.code()), wire::problem_json(error));
    response.content_type = wire::kProblemContentType;
    if (const auto wait = error.retry_after()) {
      response.headers["Retry-After"] = std::to_string(std::max<std::int64_t>(1, wait->count()));
    } else if (error.code() == ErrorCode::unavailable) {
      response.headers["Retry-After"] = "1";
    }
    if (error.code() == ErrorCode::unauthorized) response.headers["WWW-Authenticate"] = "Bearer realm=\"kanal\"";
    return response;
  }

  static void send(Poco::Net::HTTPServerResponse& out, const Response& response) {
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    for (const auto& [name, value] : response.headers) out.set(name, value);
    out.set("Cache-Control", "no-store");
    if (response.content_type.empty()) {
      out.setContentLength(0);
      out.send();
      return;
    }
    out.setContentType(response.content_type);
    out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
    out.send() << response.body;
  }

  std::shared_ptr<ApiServer::Shared> shared_;
};

class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(std::shared_ptr<ApiServer::Shared> shared) : shared_(std::move(shared)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new RequestHandler(shared_);
  }

 private:
  std::shared_ptr<ApiServer::Shared> shared_;
};

}  // namespace

ApiServer::ApiServer(ApiServerOptions options, Router router, Poco::Logger& logger)
    : shared_(std::make_shared<Shared>(std::move(options), std::move(router), logger)) {
  if (sodium_init() < 0) throw Error(ErrorCode::internal, "libsodium failed to initialise");
  // Every route says who may call it; one that does not is a bug, found at start.
  for (const auto& route : shared_->router.routes()) {
    if (!route.permission) {
      throw Error(ErrorCode::internal, route.method + " " + route.pattern + " names no permission");
    }
  }
}

ApiServer::~ApiServer() { stop(); }

void ApiServer::start() {
  const auto& options = shared_->options;
  Poco::Net::ServerSocket socket;
  try {
    Poco::Net::SocketAddress address(options.listen.host, options.listen.port);
    socket.bind(address, /*reuseAddress=*/true);
    socket.listen(64);
  } catch (const Poco::Exception& e) {
    throw Error(ErrorCode::unavailable, "cannot listen on " + options.listen.to_string() + ": " + e.displayText());
  }
  port_ = socket.address().port();
  shared_->port = port_;

  auto* params = new Poco::Net::HTTPServerParams;  // owned by the server (ref-counted)
  params->setMaxThreads(static_cast<int>(options.threads));
  params->setMaxQueued(256);
  params->setTimeout(Poco::Timespan(options.request_timeout_s, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setServerName("kanald");

  const int threads = static_cast<int>(options.threads);
  pool_ = std::make_unique<Poco::ThreadPool>(std::min(2, threads), threads);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(shared_), *pool_, socket, params);
  server_->start();
}

void ApiServer::stop() {
  if (!server_) return;
  server_->stopAll(/*abortCurrent=*/false);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(shared_->options.request_timeout_s);
  while (shared_->in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Nothing is in flight: close idle keep-alive connections rather than wait them out.
  server_->stopAll(/*abortCurrent=*/true);
  pool_->joinAll();
  server_.reset();
  pool_.reset();
}

}  // namespace kanal::api
