// kanald's drafts API over real HTTP on 127.0.0.1, through the C++ client and
// through raw requests for the inputs the client would never send.
#include <catch2/catch.hpp>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "core/error.h"
#include "support/errors.h"
#include "support/kanald_process.h"

using namespace kanal;

namespace {

client::HttpResponse raw(const test::KanaldProcess& kanald, const std::string& method, const std::string& path,
                         const std::string& body = {}, std::optional<std::string> token = std::nullopt) {
  client::HttpRequest request;
  request.method = method;
  request.url = kanald.endpoint().url + path;
  request.body = body;
  request.headers["Authorization"] = "Bearer " + token.value_or(kanald.endpoint().token);
  if (!body.empty()) request.headers["Content-Type"] = "application/json";
  return client::perform(request);
}

std::string problem_code(const client::HttpResponse& response) {
  const auto at = response.body.find("\"code\":\"");
  if (at == std::string::npos) return "(no code in " + response.body + ")";
  const auto start = at + 8;
  return response.body.substr(start, response.body.find('"', start) - start);
}

}  // namespace

TEST_CASE("drafts: create, read, list, edit, delete through the client") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());

  auto info = api.version().get();
  CHECK(info.api_version == 1);
  // Open to any caller, so it names nobody.
  CHECK(client::perform({"GET", kanald.endpoint().url + "/api/v1/version", {}, {}}).body.find("user") ==
        std::string::npos);

  auto created = api.create_post({"Barnbidraget betalas ut den 20:e. 👶", {}}).get();
  CHECK(created.id.valid());
  CHECK(created.state == PostState::draft);
  CHECK(created.text == "Barnbidraget betalas ut den 20:e. 👶");

  auto read = api.get_post(created.id).get();
  CHECK(read.text == created.text);
  CHECK(read.version == 1);

  auto edited = api.update_post(created.id, {1, std::string("Barnbidraget betalas ut fredag den 20:e."), {}}).get();
  CHECK(edited.version == 2);
  CHECK(edited.text == "Barnbidraget betalas ut fredag den 20:e.");

  auto list = api.list_posts({}).get();
  REQUIRE(list.items.size() == 1);
  CHECK(list.items[0].version == 2);

  api.delete_post(created.id).get();
  CHECK(test::error_code_of([&] { api.get_post(created.id).get(); }) == ErrorCode::not_found);
  CHECK(api.list_posts({}).get().items.empty());
}

TEST_CASE("drafts: a stale edit is refused with 409 and changes nothing") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto post = api.create_post({"original", {}}).get();
  api.update_post(post.id, {1, std::string("first edit"), {}}).get();
  CHECK(test::error_code_of([&] {
          api.update_post(post.id, {1, std::string("second edit on old version"), {}}).get();
        }) == ErrorCode::stale_version);
  auto response =
      raw(kanald, "PATCH", "/api/v1/posts/" + std::to_string(post.id.value), R"({"version":1,"text":"again"})");
  CHECK(response.status == 409);
  CHECK(response.headers["content-type"] == "application/problem+json");
  CHECK(api.get_post(post.id).get().text == "first edit");
}

TEST_CASE("drafts: paging walks every post once, newest first, and filters by state") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  for (int i = 0; i < 12; ++i) api.create_post({"post " + std::to_string(i), {}}).get();
  std::vector<std::string> seen;
  wire::PostListQuery query;
  query.limit = 5;
  for (int page = 0; page < 10; ++page) {
    auto list = api.list_posts(query).get();
    for (auto& post : list.items) seen.push_back(post.text);
    if (!list.next_cursor) break;
    query.cursor = list.next_cursor;
  }
  REQUIRE(seen.size() == 12);
  CHECK(seen.front() == "post 11");
  CHECK(seen.back() == "post 0");

  wire::PostListQuery published;
  published.state = PostState::published;
  CHECK(api.list_posts(published).get().items.empty());
  CHECK(raw(kanald, "GET", "/api/v1/posts?state=bogus").status == 422);
  CHECK(raw(kanald, "GET", "/api/v1/posts?limit=0").status == 422);
  CHECK(raw(kanald, "GET", "/api/v1/posts?limit=100000").status == 422);
  CHECK(raw(kanald, "GET", "/api/v1/posts?cursor=abc").status == 422);
}

TEST_CASE("bad input gets a problem+json naming the error, and stores nothing") {
  test::KanaldProcess kanald;
  struct Case {
    const char* name;
    std::string body;
    long status;
    const char* code;
  };
  const std::vector<Case> cases{
      {"malformed JSON", R"({"text": "unterminated)", 400, "malformed_json"},
      {"not an object", R"(["text"])", 422, "invalid_input"},
      {"wrong type", R"({"text": 42})", 422, "invalid_input"},
      {"unknown field", R"({"text": "hi", "publish_now": true})", 422, "unknown_field"},
      {"invalid UTF-8", "{\"text\": \"bad \xC3\x28 byte\"}", 400, "malformed_json"},
      {"encoded lone surrogate", R"({"text": "\ud800"})", 400, "malformed_json"},
      {"empty text", R"({"text": ""})", 422, "invalid_input"},
      {"blank text", R"({"text": "   \n"})", 422, "invalid_input"},
      {"missing text", R"({})", 422, "invalid_input"},
      {"100 KB text", R"({"text": ")" + std::string(100 * 1024, 'a') + R"("})", 422, "invalid_input"},
      {"variant for no account", R"({"text": "hi", "variants": [{"account_id": 77, "text": "x"}]})", 422,
       "invalid_input"},
      {"variant of wrong shape", R"({"text": "hi", "variants": {"account_id": 1}})", 422, "invalid_input"},
      {"empty body", "", 400, "malformed_json"},
      {"NUL then more", std::string("{\"text\":\"a\"}\0{}", 15), 400, "malformed_json"},
      {"nested half a million deep", std::string(500'000, '['), 400, "malformed_json"},
      {"nested 100,000 deep, well formed", std::string(100'000, '[') + std::string(100'000, ']'), 422, "invalid_input"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    auto response = raw(kanald, "POST", "/api/v1/posts", c.body);
    CHECK(response.status == c.status);
    CHECK(problem_code(response) == c.code);
    CHECK(response.headers["content-type"] == "application/problem+json");
  }
  auto with_field = raw(kanald, "POST", "/api/v1/posts", R"({"text": 42})");
  CHECK(with_field.body.find(R"("field":"text")") != std::string::npos);

  client::ApiClient api(kanald.endpoint());
  CHECK(api.list_posts({}).get().items.empty());
}

TEST_CASE("a body over 1 MiB is refused with 413") {
  test::KanaldProcess kanald;
  auto response = raw(kanald, "POST", "/api/v1/posts", R"({"text": ")" + std::string(1100 * 1024, 'a') + R"("})");
  CHECK(response.status == 413);
  CHECK(problem_code(response) == "payload_too_large");
}

TEST_CASE("a missing or wrong token gets 401, health needs none") {
  test::KanaldProcess kanald;
  client::HttpRequest request;
  request.url = kanald.endpoint().url + "/api/v1/posts";
  auto no_token = client::perform(request);
  CHECK(no_token.status == 401);
  CHECK(no_token.headers.count("www-authenticate") == 1);
  CHECK(raw(kanald, "GET", "/api/v1/posts", {}, std::string("wrong-token")).status == 401);
  CHECK(raw(kanald, "POST", "/api/v1/posts", R"({"text":"x"})", std::string("")).status == 401);

  client::ApiClient wrong({kanald.endpoint().url, "not-the-token"});
  CHECK(test::error_code_of([&] { wrong.list_posts({}).get(); }) == ErrorCode::unauthorized);

  request.url = kanald.endpoint().url + "/api/v1/health";
  CHECK(client::perform(request).status == 200);
}

TEST_CASE("unknown routes get 404, wrong methods 405 with Allow") {
  test::KanaldProcess kanald;
  CHECK(raw(kanald, "GET", "/api/v1/nothing").status == 404);
  CHECK(raw(kanald, "GET", "/api/v1/posts/abc").status == 404);
  CHECK(raw(kanald, "GET", "/api/v1/posts/99999").status == 404);
  auto put = raw(kanald, "PUT", "/api/v1/posts/1", R"({"text":"x"})");
  CHECK(put.status == 405);
  CHECK(put.headers["allow"] == "GET, PATCH, DELETE");
}

TEST_CASE("an unreachable kanald is a typed error, not a crash") {
  test::KanaldProcess kanald;
  const auto endpoint = kanald.endpoint();
  kanald.stop();
  client::ApiClient api(endpoint, 1, std::chrono::seconds(5));
  CHECK(test::error_code_of([&] { api.list_posts({}).get(); }) == ErrorCode::unreachable);
  CHECK(test::error_code_of([&] { api.create_post({"lost?", {}}).get(); }) == ErrorCode::unreachable);
}
