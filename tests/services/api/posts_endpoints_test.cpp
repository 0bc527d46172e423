// The drafts endpoints without sockets: requests in, responses and audit
// events out, on SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include "api/server/posts_endpoints.h"
#include "api/wire/messages.h"
#include "core/error.h"
#include "store/audit_repository.h"
#include "store/migrations.h"
#include "store/user_repository.h"
#include "support/test_databases.h"

using namespace kanal;

namespace {

class FixedClock final : public Clock {
 public:
  Timestamp now() const override { return at; }
  Timestamp at = from_unix_ms(1'795'759'200'000);
};

struct Endpoints {
  test::TestDatabase test_db;
  std::unique_ptr<store::Database> db = test_db.open();
  FixedClock clock;
  api::Router router;
  UserId user;
  std::unique_ptr<settings::WorkspaceSettings> documents;

  Endpoints() {
    store::migrate(*db);
    documents = std::make_unique<settings::WorkspaceSettings>(*db, clock, Poco::Logger::get("posts_endpoints_test"));
    user = db->transact([&](auto& s) {
               return store::UserRepository(s).ensure("olga", "Olga", Role::officer, clock.now());
             }).id;
    api::add_posts_endpoints(router, *db, clock, *documents);
  }

  api::Response call(const std::string& method, const std::string& path, const std::string& body = {},
                     std::map<std::string, std::string> query = {}) {
    api::Request request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.query = std::move(query);
    request.user = user;
    auto match = router.match(method, path);
    request.path_params = match.params;
    return (*match.handler)(request);
  }
};

}  // namespace

TEST_CASE_METHOD(Endpoints, "create, edit and delete each leave an audit event") {
  auto created = call("POST", "/api/v1/posts", R"({"text":"Ny e-tjänst för bostadsbidrag"})");
  CHECK(created.status == 201);
  CHECK(created.headers["Location"] == "/api/v1/posts/1");
  auto post = wire::parse_post(created.body);
  CHECK(post.author == user);
  CHECK(post.created_at == clock.at);

  clock.at += std::chrono::minutes(5);
  auto edited = call("PATCH", "/api/v1/posts/1", R"({"version":1,"text":"Ny e-tjänst: ansök om bostadsbidrag"})");
  CHECK(wire::parse_post(edited.body).version == 2);
  CHECK(call("DELETE", "/api/v1/posts/1").status == 204);

  auto events = db->read([](auto& s) { return store::AuditRepository(s).for_object("post", 1); });
  REQUIRE(events.size() == 3);
  CHECK(events[0].action == "post.create");
  CHECK(events[1].action == "post.edit");
  CHECK(events[1].detail.find("ansök om bostadsbidrag") != std::string::npos);
  CHECK(events[2].action == "post.delete");
  CHECK(events[2].actor == user);
}

TEST_CASE_METHOD(Endpoints, "a refused request changes nothing") {
  CHECK_THROWS_AS(call("POST", "/api/v1/posts", R"({"text":"x","variants":[{"account_id":9,"text":"y"}]})"), Error);
  CHECK_THROWS_AS(call("PATCH", "/api/v1/posts/1", R"({"version":1,"text":"x"})"), Error);
  auto list = wire::parse_post_list(call("GET", "/api/v1/posts").body);
  CHECK(list.items.empty());
  auto events = db->read([](auto& s) { return store::AuditRepository(s).for_object("post", 1); });
  CHECK(events.empty());
}

TEST_CASE_METHOD(Endpoints, "list parameters are validated") {
  CHECK_THROWS_AS(call("GET", "/api/v1/posts", {}, {{"limit", "-1"}}), Error);
  CHECK_THROWS_AS(call("GET", "/api/v1/posts", {}, {{"limit", "201"}}), Error);
  CHECK_THROWS_AS(call("GET", "/api/v1/posts", {}, {{"state", "DRAFT"}}), Error);
  CHECK(call("GET", "/api/v1/posts", {}, {{"state", "draft"}, {"limit", "200"}}).status == 200);
}
