// kanald under pressure it must shrug off: a client that stalls mid-request,
// and a database held busy by someone else.
#include <catch2/catch.hpp>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <fstream>
#include <thread>

#include "api/client/http_client.h"
#include "store/database.h"
#include "support/kanald_process.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

// kanald.properties in the data dir is read at start.
std::vector<std::string> with_properties(const std::string& properties) {
  static int counter = 0;
  const auto path = std::filesystem::temp_directory_path() /
                    ("kanald-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".properties");
  std::ofstream(path) << properties;
  return {"--config", path.string()};
}

Poco::Net::SocketAddress address_of(const client::Endpoint& endpoint) {
  return Poco::Net::SocketAddress(endpoint.url.substr(endpoint.url.find("://") + 3));
}

}  // namespace

TEST_CASE("a client that stalls mid-request is cut off after the request timeout") {
  test::KanaldProcess kanald(with_properties("request_timeout_s = 1\n"));
  Poco::Net::StreamSocket socket(address_of(kanald.endpoint()));
  const std::string partial =
      "POST /api/v1/posts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Authorization: Bearer " +
      kanald.endpoint().token + "\r\nContent-Length: 100\r\n\r\n{\"text\":";
  socket.sendBytes(partial.data(), static_cast<int>(partial.size()));

  // kanald gives up on the body and closes; it does not hang or store a thing.
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  char buffer[4096];
  int received = 0;
  std::string answer;
  const auto started = std::chrono::steady_clock::now();
  while ((received = socket.receiveBytes(buffer, sizeof buffer)) > 0) answer.append(buffer, received);
  INFO("kanald answered: " << answer);
  CHECK(std::chrono::steady_clock::now() - started < 4s);
  CHECK_THAT(answer, Catch::Contains("400") && Catch::Contains("of 100 bytes"));

  client::ApiClient api(kanald.endpoint());
  CHECK_NOTHROW(api.health().get());
  CHECK(api.list_posts({}).get().items.empty());
}

TEST_CASE("a database held busy gets 503 with Retry-After, and the write is not lost to the client") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  api.create_post({"before", {}}).get();

  // Someone else (a backup tool, say) holds SQLite's write lock for longer
  // than kanald's busy timeout.
  auto blocker = kanald.database().open();
  std::thread holder([&] {
    blocker->transact([](Poco::Data::Session& session) {
      session << "UPDATE posts SET text = text WHERE id = 1", Poco::Data::Keywords::now;
      std::this_thread::sleep_for(7s);
    });
  });
  std::this_thread::sleep_for(300ms);

  client::HttpRequest request;
  request.method = "POST";
  request.url = kanald.endpoint().url + "/api/v1/posts";
  request.headers["Authorization"] = "Bearer " + kanald.endpoint().token;
  request.headers["Content-Type"] = "application/json";
  request.body = R"({"text":"during the lock"})";
  auto response = client::perform(request);
  holder.join();

  CHECK(response.status == 503);
  CHECK(response.headers["retry-after"] == "1");
  CHECK(response.body.find(R"("code":"unavailable")") != std::string::npos);

  // Retried after the lock is gone, it goes through once.
  CHECK(client::perform(request).status == 201);
  CHECK(api.list_posts({}).get().items.size() == 2);
}

TEST_CASE(
    "a web page can neither drive nor read kanald: foreign Host and Origin and bodies of another type are refused") {
  test::KanaldProcess kanald;
  const auto& endpoint = kanald.endpoint();
  const auto port = endpoint.url.substr(endpoint.url.rfind(':'));
  const auto send = [&](const std::string& method, const std::string& path, std::map<std::string, std::string> headers,
                        std::string body = {}) {
    client::HttpRequest request;
    request.method = method;
    request.url = endpoint.url + path;
    request.headers = std::move(headers);
    request.headers["Authorization"] = "Bearer " + endpoint.token;
    request.body = std::move(body);
    return client::perform(request);
  };
  CHECK(send("GET", "/api/v1/posts", {}).status == 200);
  CHECK(send("GET", "/api/v1/posts", {{"Host", "localhost" + port}}).status == 200);

  // DNS rebinding: a name of the attacker's that resolves to 127.0.0.1.
  const auto rebound = send("GET", "/api/v1/posts", {{"Host", "evil.example" + port}});
  CHECK(rebound.status == 403);
  CHECK(rebound.body.find("addressed to it") != std::string::npos);
  CHECK(send("GET", "/api/v1/health", {{"Host", "evil.example"}}).status == 403);
  // A page's script: the browser names its origin.
  CHECK(send("GET", "/api/v1/posts", {{"Origin", "https://evil.example"}}).status == 403);
  CHECK(send("GET", "/api/v1/posts", {{"Origin", "null"}}).status == 403);  // a sandboxed frame
  CHECK(send("GET", "/api/v1/posts", {{"Origin", "https://127.0.0.1" + port}}).status == 403);
  CHECK(send("GET", "/api/v1/posts", {{"Origin", "http://127.0.0.1" + port}}).status == 200);

  // A form or plain text passed off as JSON, and JSON as an image.
  const std::string json = R"({"text":"Hej","variants":[]})";
  CHECK(send("POST", "/api/v1/posts", {{"Content-Type", "application/json; charset=utf-8"}}, json).status == 201);
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    INFO(type);
    const auto refused = send("POST", "/api/v1/posts", {{"Content-Type", type}}, json);
    CHECK(refused.status == 415);
    CHECK(refused.body.find("application/json") != std::string::npos);
  }
  CHECK(send("POST", "/api/v1/media", {{"Content-Type", "application/json"}}, json).status == 415);
  CHECK(send("POST", "/api/v1/media", {{"Content-Type", "application/octet-stream"}}, "\x89PNG").status == 415);
  CHECK(send("GET", "/api/v1/posts", {}).body.find("Hej") != std::string::npos);  // only the JSON one went in
  CHECK(client::perform({"GET", endpoint.url + "/api/v1/posts", {}, {}}).status == 401);
}
