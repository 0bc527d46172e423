// The HTTP engine against small servers on 127.0.0.1: answers, slow answers,
// dropped connections, refused connections, oversized responses.
#include <catch2/catch.hpp>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <atomic>
#include <thread>

#include "net/http_engine.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    Poco::URI uri(request.getURI());
    std::string body;
    Poco::StreamCopier::copyToString(request.stream(), body);
    if (uri.getPath() == "/slow") std::this_thread::sleep_for(1500ms);
    if (uri.getPath() == "/big") {
      response.setContentLength64(3 * 1024 * 1024);
      response.send() << std::string(3 * 1024 * 1024, 'x');
      return;
    }
    if (uri.getPath() == "/status/429") {
      response.setStatus(Poco::Net::HTTPResponse::HTTP_TOO_MANY_REQUESTS);
      response.set("X-RateLimit-Reset", "2026-11-25T18:00:00.000Z");
    }
    std::string answer = request.getMethod() + " " + uri.getPath() + " " + body + " " + request.get("X-Test", "");
    if (request.getContentType().find("multipart/form-data") != std::string::npos) answer += " multipart";
    response.setContentLength64(static_cast<Poco::Int64>(answer.size()));
    response.send() << answer;
  }
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler;
  }
};

struct TestServer {
  Poco::ThreadPool pool{2, 16};  // owned, so every handler is joined before the test ends
  Poco::Net::ServerSocket socket{Poco::Net::SocketAddress("127.0.0.1", 0)};
  Poco::Net::HTTPServer server{new Factory, pool, socket, new Poco::Net::HTTPServerParams};
  TestServer() { server.start(); }
  ~TestServer() {
    server.stopAll(true);
    pool.joinAll();
  }
  std::string url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(socket.address().port()) + path;
  }
};

net::HttpRequest get(const std::string& url) {
  net::HttpRequest request;
  request.url = url;
  return request;
}

}  // namespace

TEST_CASE("the engine sends requests and returns any status as a response") {
  TestServer server;
  net::HttpEngine engine;
  net::HttpRequest post = get(server.url("/echo"));
  post.method = "POST";
  post.body = R"({"status":"hej"})";
  post.headers.emplace_back("X-Test", "yes");
  auto response = engine.send(post).get();
  CHECK(response.status == 200);
  CHECK(response.body == R"(POST /echo {"status":"hej"} yes)");

  auto limited = engine.send(get(server.url("/status/429"))).get();
  CHECK(limited.status == 429);
  CHECK(limited.header("x-ratelimit-reset") == "2026-11-25T18:00:00.000Z");

  net::HttpRequest form = get(server.url("/media"));
  form.method = "POST";
  form.form = {{"description", "A family at the office", "", ""}, {"file", "PNGDATA", "photo.png", "image/png"}};
  CHECK_THAT(engine.send(form).get().body, Catch::EndsWith("multipart"));
}

TEST_CASE("a fast request is not held up by slow ones") {
  TestServer server;
  net::HttpEngine engine;
  std::vector<Future<net::HttpResponse>> slow;
  for (int i = 0; i < 4; ++i) slow.push_back(engine.send(get(server.url("/slow"))));
  std::this_thread::sleep_for(100ms);
  auto fast = engine.send(get(server.url("/echo")));
  REQUIRE(fast.wait_for(5s));
  for (auto& request : slow) CHECK_FALSE(request.wait_for(0ms));  // still waiting on the slow server
  for (auto& request : slow) CHECK(request.get().status == 200);
}

TEST_CASE("a refused connection was certainly not sent") {
  Poco::Net::ServerSocket closed{Poco::Net::SocketAddress("127.0.0.1", 0)};
  const auto port = closed.address().port();
  closed.close();
  net::HttpEngine engine;
  try {
    engine.send(get("http://127.0.0.1:" + std::to_string(port) + "/")).get();
    FAIL("no error");
  } catch (const net::TransportError& e) {
    CHECK_FALSE(e.request_sent());
  }
}

TEST_CASE("a connection dropped after the request may have been processed") {
  Poco::Net::ServerSocket listener{Poco::Net::SocketAddress("127.0.0.1", 0)};
  std::thread dropper([&] {
    Poco::Net::StreamSocket connection = listener.acceptConnection();
    char buffer[4096];
    connection.receiveBytes(buffer, sizeof buffer);  // take the request...
    connection.close();                              // ...and never answer
  });
  net::HttpEngine engine;
  net::HttpRequest request = get("http://127.0.0.1:" + std::to_string(listener.address().port()) + "/statuses");
  request.method = "POST";
  request.body = "status=hello";
  try {
    engine.send(request).get();
    FAIL("no error");
  } catch (const net::TransportError& e) {
    CHECK(e.request_sent());
  }
  dropper.join();
}

TEST_CASE("a timeout after sending may have been processed") {
  TestServer server;
  net::HttpEngine engine;
  net::HttpRequest request = get(server.url("/slow"));
  request.timeout = 300ms;
  try {
    engine.send(request).get();
    FAIL("no error");
  } catch (const net::TransportError& e) {
    CHECK(e.request_sent());
  }
}

TEST_CASE("an oversized response is an error, not a memory spike") {
  TestServer server;
  net::HttpEngine engine;
  net::HttpRequest request = get(server.url("/big"));
  request.max_response_bytes = 1024 * 1024;
  CHECK_THROWS_WITH(engine.send(request).get(), Catch::Contains("over 1048576 bytes"));
}

TEST_CASE("stopping the engine fails what is in flight") {
  TestServer server;
  Future<net::HttpResponse> pending;
  {
    net::HttpEngine engine;
    pending = engine.send(get(server.url("/slow")));
    std::this_thread::sleep_for(100ms);
  }
  CHECK_THROWS_AS(pending.get(), net::TransportError);
}

#include "net/oauth_pkce.h"

TEST_CASE("PKCE S256 matches RFC 7636's example") {
  // RFC 7636, appendix B.
  CHECK(net::code_challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") ==
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  const auto verifier = net::make_code_verifier();
  CHECK(verifier.size() == 43);
  CHECK(verifier != net::make_code_verifier());
  CHECK(net::form_encode("read write/ä") == "read%20write%2F%C3%A4");
}

TEST_CASE("timers complete in order without holding a thread") {
  net::HttpEngine engine;
  const auto started = std::chrono::steady_clock::now();
  auto late = engine.after(300ms);
  auto early = engine.after(50ms);
  early.get();
  CHECK_FALSE(late.wait_for(0ms));
  late.get();
  CHECK(std::chrono::steady_clock::now() - started >= 300ms);
}

TEST_CASE("a request that must not be resent reaches the server once, even when its answer is lost") {
  // A server that answers GETs (keeping the connection open) and takes POSTs
  // without ever answering them, counting what arrives. Bounded: 3 seconds.
  Poco::Net::ServerSocket listener{Poco::Net::SocketAddress("127.0.0.1", 0)};
  std::atomic<int> posts_received{0};
  std::atomic<bool> done{false};
  std::thread server([&] {
    std::vector<Poco::Net::StreamSocket> connections;
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    while (!done && std::chrono::steady_clock::now() < deadline) {
      if (listener.poll(Poco::Timespan(0, 20'000), Poco::Net::Socket::SELECT_READ)) {
        connections.push_back(listener.acceptConnection());
      }
      for (auto it = connections.begin(); it != connections.end();) {
        char buffer[4096];
        int received = 0;
        if (it->poll(Poco::Timespan(0, 1000), Poco::Net::Socket::SELECT_READ))
          received = it->receiveBytes(buffer, 4096);
        const std::string request(buffer, static_cast<std::size_t>(std::max(received, 0)));
        if (request.rfind("GET", 0) == 0) {
          const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
          it->sendBytes(ok.data(), static_cast<int>(ok.size()));
        } else if (request.rfind("POST", 0) == 0) {
          ++posts_received;
          it->close();  // the answer is lost
          it = connections.erase(it);
          continue;
        }
        ++it;
      }
    }
  });
  const auto url = "http://127.0.0.1:" + std::to_string(listener.address().port()) + "/";
  net::HttpEngine engine;
  CHECK(engine.send(get(url)).get().status == 200);  // leaves a connection to reuse
  net::HttpRequest post = get(url);
  post.method = "POST";
  post.body = "status=once";
  post.must_not_resend = true;
  try {
    engine.send(post).get();
    FAIL("no error");
  } catch (const net::TransportError& e) {
    CHECK(e.request_sent());
  }
  std::this_thread::sleep_for(300ms);
  done = true;
  server.join();
  CHECK(posts_received == 1);
}
