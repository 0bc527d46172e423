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

TEST_CASE("a guard runs for every route beneath its pattern, and only those") {
  api::Router router;
  const auto ok = [](const api::Request&) { return api::Response::empty(200); };
  router.add("GET", "/api/v1/posts", api::Permission::read, ok);
  router.add("GET", "/api/v1/posts/{id}", api::Permission::read, ok);
  router.add("POST", "/api/v1/posts/{id}/publish", api::Permission::publish, ok);
  router.add("GET", "/api/v1/media/{id}", api::Permission::read, ok);
  router.guard("/api/v1/posts/{id}", [](const api::Request&) {});
  CHECK(router.match("GET", "/api/v1/posts").guards.empty());
  CHECK(router.match("GET", "/api/v1/posts/7").guards.size() == 1);
  CHECK(router.match("POST", "/api/v1/posts/7/publish").guards.size() == 1);  // added before the guard or after
  CHECK(router.match("GET", "/api/v1/media/7").guards.empty());
}

TEST_CASE("a route reads a body of the types it names: JSON unless it says otherwise") {
  api::Router router;
  const auto ok = [](const api::Request&) { return api::Response::empty(200); };
  router.add("POST", "/api/v1/posts", api::Permission::draft, ok);
  router.add("PUT", "/api/v1/policy", api::Permission::admin, ok, {"text/plain"});
  router.add_upload("POST", "/api/v1/media", api::Permission::draft, ok, 1024, api::Router::image_body());
  CHECK(*router.match("POST", "/api/v1/posts").body_types == std::vector<std::string>{"application/json"});
  CHECK(*router.match("PUT", "/api/v1/policy").body_types == std::vector<std::string>{"text/plain"});
  CHECK(router.match("POST", "/api/v1/media").body_types->size() == 4);
}

TEST_CASE("roles are allow-lists: a role nobody granted anything holds nothing") {
  const auto unheard_of = static_cast<Role>(42);
  for (const auto permission : {api::Permission::read, api::Permission::audit, api::Permission::draft,
                                api::Permission::edit_others, api::Permission::publish, api::Permission::approve,
                                api::Permission::plan, api::Permission::accounts, api::Permission::admin}) {
    INFO(api::to_string(permission));
    CHECK_FALSE(api::role_may(unheard_of, permission));
  }
  CHECK(api::role_may(unheard_of, api::Permission::open));  // health and signing in need nobody
  CHECK(api::role_may(Role::records_officer, api::Permission::audit));
  CHECK_FALSE(api::role_may(Role::records_officer, api::Permission::draft));
}
