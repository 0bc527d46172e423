// Every route of kanald × every role: who is let through and who gets 403,
// from one table. A route kanald serves that the table does not list (or
// the other way round) fails the test, so a new endpoint needs its row.

#include <catch2/catch.hpp>

#include <set>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "core/json.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/images.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/team.h"

using namespace kanal;

namespace {

const std::set<Role> kEveryone{Role::officer,  Role::line_manager, Role::subject_expert,
                               Role::director, Role::admin,        Role::records_officer};
const std::set<Role> kWriters{Role::officer, Role::line_manager, Role::subject_expert, Role::director, Role::admin};
const std::set<Role> kPublishers{Role::officer, Role::line_manager, Role::director, Role::admin};
const std::set<Role> kReviewers{Role::line_manager, Role::subject_expert, Role::director};
const std::set<Role> kAuditors{Role::records_officer, Role::admin, Role::director, Role::line_manager};
const std::set<Role> kAdmins{Role::admin};
const std::set<Role> kPlanners{Role::line_manager, Role::director, Role::admin};

struct Row {
  std::string method;
  std::string path;
  bool open;  // answers without signing in
  std::set<Role> allowed;
};

// The table. Keep it in the order of the API's areas; signing out last (it
// ends the session each role's requests use).
const std::vector<Row> kTable{
    {"GET", "/api/v1/health", true, kEveryone},
    {"GET", "/api/v1/version", true, kEveryone},
    {"POST", "/api/v1/sessions", true, kEveryone},
    {"GET", "/api/v1/me", false, kEveryone},
    {"GET", "/api/v1/me/notices", false, kEveryone},
    {"POST", "/api/v1/workspace/token/rotate", false, {}},  // the desktop's owner alone, whatever their role
    {"GET", "/api/v1/routes", false, kEveryone},
    {"POST", "/api/v1/posts", false, kWriters},
    {"GET", "/api/v1/posts", false, kEveryone},
    {"GET", "/api/v1/posts/{id}", false, kEveryone},
    {"PATCH", "/api/v1/posts/{id}", false, kWriters},
    {"DELETE", "/api/v1/posts/{id}", false, kWriters},
    {"POST", "/api/v1/media", false, kWriters},
    {"GET", "/api/v1/media/{id}", false, kEveryone},
    {"GET", "/api/v1/networks", false, kEveryone},
    {"GET", "/api/v1/accounts", false, kEveryone},
    {"POST", "/api/v1/accounts/connect", false, kAdmins},
    {"GET", "/api/v1/accounts/connect/{id}", false, kAdmins},
    {"DELETE", "/api/v1/accounts/connect/{id}", false, kAdmins},
    {"GET", "/api/v1/networks/{id}/settings", false, kAdmins},
    {"PUT", "/api/v1/networks/{id}/settings", false, kAdmins},
    {"POST", "/api/v1/accounts/connect/{id}/choose", false, kAdmins},
    {"POST", "/api/v1/accounts/connect/{id}/complete", false, kAdmins},
    {"DELETE", "/api/v1/accounts/{id}", false, kAdmins},
    {"GET", "/api/v1/accounts/{id}/permissions", false, kEveryone},
    {"PUT", "/api/v1/accounts/{id}/permissions", false, kAdmins},
    {"GET", "/api/v1/templates", false, kEveryone},
    {"GET", "/api/v1/text/lists", false, kEveryone},
    {"POST", "/api/v1/text/dictionary", false, kWriters},
    {"POST", "/api/v1/compose", false, kWriters},
    {"POST", "/api/v1/text/check", false, kWriters},
    {"GET", "/api/v1/press-contacts", false, kEveryone},
    {"POST", "/api/v1/press-contacts", false, kAdmins},
    {"PUT", "/api/v1/press-contacts/{id}", false, kAdmins},
    {"DELETE", "/api/v1/press-contacts/{id}", false, kAdmins},
    {"POST", "/api/v1/press-contacts/import", false, kAdmins},
    {"GET", "/api/v1/audit", false, kAuditors},
    {"GET", "/api/v1/audit/verify", false, kAuditors},
    {"POST", "/api/v1/audit/verify", false, kAuditors},
    {"POST", "/api/v1/audit/anchors", false, kAuditors},
    {"GET", "/api/v1/users", false, kEveryone},
    {"POST", "/api/v1/users", false, kAdmins},
    {"PATCH", "/api/v1/users/{id}", false, kAdmins},
    {"PUT", "/api/v1/users/{id}/password", false, kAdmins},
    {"GET", "/api/v1/documents", false, kEveryone},
    {"GET", "/api/v1/documents/{name}", false, kEveryone},
    {"PUT", "/api/v1/documents/{name}", false, kAdmins},
    {"POST", "/api/v1/policy/try", false, kEveryone},
    {"GET", "/api/v1/posts/{id}/approval", false, kEveryone},
    {"POST", "/api/v1/posts/{id}/submit", false, kWriters},
    {"GET", "/api/v1/posts/{id}/review", false, kEveryone},
    {"POST", "/api/v1/posts/{id}/approve", false, kReviewers},
    {"POST", "/api/v1/posts/{id}/send-back", false, kReviewers},
    {"GET", "/api/v1/approvals", false, kEveryone},
    {"POST", "/api/v1/posts/{id}/publish", false, kPublishers},
    {"GET", "/api/v1/posts/{id}/deliveries", false, kEveryone},
    {"POST", "/api/v1/posts/{id}/deliveries/{account_id}/decision", false, kPublishers},
    {"PUT", "/api/v1/posts/{id}/schedule", false, kPublishers},
    {"GET", "/api/v1/posts/{id}/schedule", false, kEveryone},
    {"DELETE", "/api/v1/posts/{id}/schedule", false, kPublishers},
    {"POST", "/api/v1/posts/{id}/queue", false, kPublishers},
    {"POST", "/api/v1/posts/{id}/series", false, kPublishers},
    {"GET", "/api/v1/accounts/{id}/slots", false, kEveryone},
    {"PUT", "/api/v1/accounts/{id}/slots", false, kAdmins},
    {"GET", "/api/v1/holidays", false, kEveryone},
    {"GET", "/api/v1/schedule", false, kEveryone},
    {"GET", "/api/v1/schedule/ical", false, kEveryone},
    {"POST", "/api/v1/schedule/import", false, kPublishers},
    {"GET", "/api/v1/publishing/status", false, kEveryone},
    {"POST", "/api/v1/pauses", false, kPublishers},
    {"POST", "/api/v1/pauses/{id}/resume", false, kPublishers},
    {"GET", "/api/v1/blackouts", false, kEveryone},
    {"POST", "/api/v1/blackouts", false, kPlanners},
    {"DELETE", "/api/v1/blackouts/{id}", false, kPlanners},
    {"GET", "/api/v1/settings/publishing", false, kEveryone},
    {"PUT", "/api/v1/settings/publishing", false, kAdmins},
    {"GET", "/api/v1/inbox", false, kEveryone},
    {"GET", "/api/v1/inbox/answer-times", false, kEveryone},
    {"POST", "/api/v1/inbox/sync", false, kWriters},
    {"GET", "/api/v1/inbox/{id}", false, kEveryone},
    {"POST", "/api/v1/inbox/{id}/moderate", false, kWriters},
    {"POST", "/api/v1/inbox/{id}/assign", false, kWriters},
    {"POST", "/api/v1/inbox/{id}/state", false, kWriters},
    {"POST", "/api/v1/inbox/{id}/reply", false, kPublishers},
    {"POST", "/api/v1/inbox/{id}/reply-check", false, kEveryone},
    {"GET", "/api/v1/saved-replies", false, kEveryone},
    {"POST", "/api/v1/saved-replies", false, kWriters},
    {"DELETE", "/api/v1/saved-replies/{id}", false, kWriters},
    {"GET", "/api/v1/analytics", false, kEveryone},
    {"POST", "/api/v1/analytics/collect", false, kWriters},
    {"GET", "/api/v1/posts/{id}/figures", false, kEveryone},
    {"GET", "/api/v1/settings/reports", false, kEveryone},
    {"PUT", "/api/v1/settings/reports", false, kAdmins},
    {"DELETE", "/api/v1/sessions/current", false, kEveryone},
};

long status_of(const std::string& url, const Row& row, const std::string& token) {
  client::HttpRequest request;
  request.method = row.method;
  std::string path = row.path;
  // An id that names nothing: a request let through ends in 404 or 422, never a change.
  if (const auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, "999999");
  // A real document: a change let through is refused for its empty body (422).
  if (const auto at = path.find("{name}"); at != std::string::npos) path.replace(at, 6, "approval-policy");
  request.url = url + path;
  if (!token.empty()) request.headers["Authorization"] = "Bearer " + token;
  if (row.method != "GET" && row.method != "DELETE") {
    request.headers["Content-Type"] = "application/json";
    request.body = "{}";
  }
  return client::perform(request).status;
}

}  // namespace

TEST_CASE("every route lets through exactly the roles the permission table names") {
  test::KanaldProcess kanald;
  test::Team team(kanald);
  std::map<Role, std::string> tokens;
  for (const auto role : kEveryone) {
    const std::string login = "user_" + std::string(to_string(role));
    team.add(login, role);
    tokens[role] = team.admin().sign_in(login, test::Team::password_of(login)).get().token;
  }

  // The table and kanald's routes are the same set.
  client::HttpRequest list;
  list.url = kanald.endpoint().url + "/api/v1/routes";
  list.headers["Authorization"] = "Bearer " + kanald.endpoint().token;
  const auto routes = json::parse_json(client::perform(list).body);
  std::set<std::string> served, listed;
  for (const auto& route : routes.GetArray()) {
    served.insert(std::string(route["method"].GetString()) + " " + route["path"].GetString());
  }
  for (const auto& row : kTable) listed.insert(row.method + " " + row.path);
  for (const auto& route : served) {
    INFO("kanald serves " << route << ": give it a row in the permission table");
    CHECK(listed.count(route) == 1);
  }
  for (const auto& row : listed) {
    INFO("the table lists " << row << ", which kanald does not serve");
    CHECK(served.count(row) == 1);
  }

  const auto url = kanald.endpoint().url;
  for (const auto& row : kTable) {
    const auto anonymous = status_of(url, row, "");
    INFO(row.method << " " << row.path << " without signing in: " << anonymous);
    CHECK((anonymous == 401) == !row.open);
    for (const auto& [role, token] : tokens) {
      const auto status = status_of(url, row, token);
      INFO(row.method << " " << row.path << " as " << to_string(role) << ": " << status);
      if (row.allowed.count(role) != 0) {
        CHECK(status != 403);
        CHECK(status != 401);
        CHECK(status < 500);
      } else {
        CHECK(status == 403);
      }
    }
  }
}

namespace {

// A route's path with `id` in its {id}, and a period every listing accepts.
client::HttpResponse call(const std::string& url, const std::string& method, std::string path, const std::string& token,
                          std::int64_t id) {
  if (const auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, std::to_string(id));
  client::HttpRequest request;
  request.method = method;
  request.url = url + path;
  if (method == "GET" && path.find('{') == std::string::npos) {
    const auto now = SystemClock{}.now();
    request.url += "?from=" + client::url_encode(to_iso8601(now - std::chrono::hours(24 * 300))) +
                   "&to=" + client::url_encode(to_iso8601(now + std::chrono::hours(24 * 300)));
  }
  request.headers["Authorization"] = "Bearer " + token;
  if (method != "GET" && method != "DELETE") {
    request.headers["Content-Type"] = "application/json";
    request.body = "{}";
  }
  return client::perform(request);
}

}  // namespace

TEST_CASE(
    "a restricted account's posts and images and reviews and schedule and trail reach only the people it is open to") {
  test::SandboxProcess sandbox({"--accounts", "2"});
  test::KanaldProcess kanald;
  test::Team team(kanald);
  const auto agency = test::connect_sandbox_account(team.admin(), sandbox);
  const auto own = test::connect_sandbox_account(team.admin(), sandbox);
  auto& director = team.add("dora", Role::director);
  auto& staff = team.add("stina", Role::officer);
  std::map<std::string, client::ApiClient*> outsiders;
  for (const auto role : kEveryone) {
    const std::string login = "user_" + std::string(to_string(role));
    outsiders[login] = &team.add(login, role);
  }
  team.admin()
      .set_account_permissions(own.id, {{team.user("dora").id, {"draft", "publish", "approve", "answer", "moderate"}},
                                        {team.user("stina").id, {"draft"}}})
      .get();

  // What only Dora and her staff may see: a published post with an image,
  // one in review and one scheduled, each with its trail.
  const std::string secret = "Dora-7781 meets the minister on Friday";
  const auto image = director.upload_media(test::tiny_png(), "Dora-7781.png").get();
  const auto published =
      director.create_post({secret + " (photo)", {{own.id, ""}}, {{image.id, "Dora-7781 at her desk"}}}).get();
  director.publish(published.id, {{own.id}}).get();
  REQUIRE(test::wait_until_settled(director, published.id).at(0).state == "published");
  const auto reviewed = staff.create_post({secret + " (draft by her staff)", {{own.id, ""}}}).get();
  staff.submit(reviewed.id, {own.id}).get();
  // Sent to the agency's account too, it is still hers: its figures show nowhere else.
  const auto both = director.create_post({secret + " (to both)", {}}).get();
  director.publish(both.id, {{agency.id, own.id}}).get();
  REQUIRE(test::wait_until_settled(director, both.id).size() == 2);
  const auto scheduled = director.create_post({secret + " (scheduled)", {{own.id, ""}}}).get();
  director.schedule_post(scheduled.id, {{own.id}, "2030-06-01T09:00", "Europe/Stockholm"}).get();
  director.collect_metrics().get();
  // And one the whole agency sees.
  const auto open_post = outsiders["user_officer"]->create_post({"Our offices are open.", {{agency.id, ""}}}).get();

  const auto url = kanald.endpoint().url;
  client::HttpRequest list;
  list.url = url + "/api/v1/routes";
  list.headers["Authorization"] = "Bearer " + kanald.endpoint().token;
  const auto routes = json::parse_json(client::perform(list).body);

  std::size_t checks = 0;
  const std::vector<std::int64_t> posts{published.id.value, reviewed.id.value, scheduled.id.value, both.id.value};
  for (const auto& [login, api] : outsiders) {
    const auto token = api->endpoint().token;
    for (const auto& route : routes.GetArray()) {
      const std::string method = route["method"].GetString();
      const std::string path = route["path"].GetString();
      if (path == "/api/v1/sessions/current") continue;  // would end the session the loop uses
      INFO(login << ": " << method << " " << path);
      if (path.rfind("/api/v1/posts/{id}", 0) == 0) {
        // Every route of a closed post answers as if it did not exist (or the role may not call it at all).
        for (const auto id : posts) {
          const auto answer = call(url, method, path, token, id);
          CHECK((answer.status == 404 || answer.status == 403));
          ++checks;
        }
      } else if (path == "/api/v1/media/{id}") {
        CHECK(call(url, method, path, token, image.id.value).status == 404);
        ++checks;
      } else if (method == "GET" && path.find('{') == std::string::npos) {
        // No listing names what is closed: its text, its image, its account's figures.
        CHECK(call(url, method, path, token, 0).body.find("Dora-7781") == std::string::npos);
        ++checks;
        if (path != "/api/v1/audit") continue;
        for (const std::string format : {"jsonl", "csv"}) {  // the records officer's exports
          client::HttpRequest exported;
          exported.url = url + path + "?format=" + format;
          exported.headers["Authorization"] = "Bearer " + token;
          const auto answer = client::perform(exported);
          CHECK(answer.body.find("Dora-7781") == std::string::npos);
          // …and say that they left something out.
          if (answer.status == 200) CHECK(std::stoll(answer.headers.at("x-kanal-withheld")) > 0);
          ++checks;
        }
      }
    }
    const auto now = SystemClock{}.now();
    const auto report = api->analytics({now - std::chrono::hours(24), now + std::chrono::hours(1)}).get();
    CHECK(report.accounts.size() == 1);  // the agency's alone
    for (const auto& account : report.accounts) CHECK(account.account_id != own.id.value);
    // Their own and the open work stay in sight.
    CHECK(api->get_post(open_post.id).get().id == open_post.id);
  }

  auto& records = *outsiders["user_records_officer"];
  const auto withheld = records.audit("limit=10").get().withheld;
  CHECK(withheld > 0);
  // The count tells nothing of one closed object: it is the period's, whatever else is asked.
  CHECK(records.audit("object_type=post&object_id=" + std::to_string(published.id.value)).get().withheld == withheld);
  CHECK(records.audit("object_type=post&object_id=999999&action=post.publish").get().withheld == withheld);
  CHECK(director.audit("limit=10").get().withheld == 0);

  // The people the account is open to see it all.
  for (auto* insider : {&director, &staff}) {
    for (const auto id : posts) CHECK(insider->get_post(PostId{id}).get().text.find("Dora-7781") == 0);
    CHECK(insider->list_posts({}).get().items.size() == 5);
  }
  CHECK(director.media_content(image.id).get() == test::tiny_png());
  // Nobody reuses a closed image in a post of their own to read it.
  CHECK(test::error_code_of([&] {
          outsiders["user_officer"]->create_post({"mine", {}, {{image.id, "taken"}}}).get();
        }) == ErrorCode::invalid_input);
  // Nor drafts for an account closed to them.
  CHECK(test::error_code_of([&] {
          outsiders["user_officer"]->create_post({"for Dora", {{own.id, ""}}}).get();
        }) == ErrorCode::forbidden);
  INFO("object checks: " << checks);
  CHECK(checks > 500);  // 588 today: 98 for each of the six roles
}
