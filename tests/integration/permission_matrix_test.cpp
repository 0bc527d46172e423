// Every route of kanald × every role: who is let through and who gets 403,
// from one table. A route kanald serves that the table does not list (or
// the other way round) fails the test, so a new endpoint needs its row.

#include <catch2/catch.hpp>

#include <set>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "core/json.h"
#include "support/kanald_process.h"
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
    {"GET", "/api/v1/users", false, kEveryone},
    {"POST", "/api/v1/users", false, kAdmins},
    {"PATCH", "/api/v1/users/{id}", false, kAdmins},
    {"PUT", "/api/v1/users/{id}/password", false, kAdmins},
    {"GET", "/api/v1/policy", false, kEveryone},
    {"PUT", "/api/v1/policy", false, kAdmins},
    {"POST", "/api/v1/policy/try", false, kEveryone},
    {"GET", "/api/v1/posts/{id}/approval", false, kEveryone},
    {"POST", "/api/v1/posts/{id}/submit", false, kWriters},
    {"GET", "/api/v1/posts/{id}/review", false, kEveryone},
    {"POST", "/api/v1/posts/{id}/approve", false, kReviewers},
    {"POST", "/api/v1/posts/{id}/send-back", false, kReviewers},
    {"GET", "/api/v1/approvals", false, kEveryone},
    {"POST", "/api/v1/posts/{id}/publish", false, kPublishers},
    {"GET", "/api/v1/posts/{id}/deliveries", false, kEveryone},
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
