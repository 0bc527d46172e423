#include <catch2/catch.hpp>

#include "api/server/router.h"
#include "core/error.h"

using namespace kanal;

TEST_CASE("the router matches methods and path parameters") {
  api::Router router;
  router.add("GET", "/api/v1/posts", [](const api::Request&) { return api::Response::json(200, "list"); });
  router.add("GET", "/api/v1/posts/{id}", api::Permission::read,
             [](const api::Request&) { return api::Response::json(200, "one"); });
  router.add("DELETE", "/api/v1/posts/{id}", [](const api::Request&) { return api::Response::empty(204); });
  router.add("GET", "/api/v1/health", api::Permission::open,
             [](const api::Request&) { return api::Response::json(200, "ok"); });

  auto one = router.match("GET", "/api/v1/posts/42");
  CHECK(one.params.at("id") == "42");
  CHECK(one.permission == api::Permission::read);
  CHECK((*one.handler)(api::Request{}).body == "one");
  CHECK((*router.match("GET", "/api/v1/posts/").handler)(api::Request{}).body == "list");
  CHECK(router.match("GET", "/api/v1/health").permission == api::Permission::open);
  CHECK_FALSE(router.match("DELETE", "/api/v1/posts/1").permission);  // a route of the sandbox's kind
  CHECK(router.routes().size() == 4);
  CHECK(router.routes()[1].pattern == "/api/v1/posts/{id}");
}

TEST_CASE("no route is 404, a wrong method 405 with the allowed ones") {
  api::Router router;
  router.add("GET", "/api/v1/posts/{id}", [](const api::Request&) { return api::Response::empty(200); });
  router.add("PATCH", "/api/v1/posts/{id}", [](const api::Request&) { return api::Response::empty(200); });
  try {
    router.match("PUT", "/api/v1/posts/1");
    FAIL("matched");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::method_not_allowed);
  }
  CHECK(router.allowed_methods("/api/v1/posts/1") == "GET, PATCH");
  try {
    router.match("GET", "/api/v1/posts/1/extra");
    FAIL("matched");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::not_found);
  }
}
