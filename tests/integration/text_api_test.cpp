// POST /api/v1/text/check against a real kanald with a connected sandbox
// account: counts per target account, named networks, hints, bad input.
#include <catch2/catch.hpp>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "core/error.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"

using namespace kanal;

namespace {

long post_status(const test::KanaldProcess& kanald, const std::string& body) {
  client::HttpRequest request;
  request.method = "POST";
  request.url = kanald.endpoint().url + "/api/v1/text/check";
  request.body = body;
  request.headers["Authorization"] = "Bearer " + kanald.endpoint().token;
  request.headers["Content-Type"] = "application/json";
  return client::perform(request).status;
}

}  // namespace

TEST_CASE("The text check counts for each account and each named network, with the hints") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const Account account = test::connect_sandbox_account(api, sandbox);

  wire::TextCheckRequest request;
  request.text = "Du har rätt till bostadsbidrag. Läs mer: https://example.se/" + std::string(100, 'a') + " " +
                 std::string(300, 'x');
  request.language = "sv";
  request.networks = {"x", "bluesky"};
  const auto response = api.check_text(request).get();
  REQUIRE(response.targets.size() == 3);
  const auto& mastodon = response.targets[0];
  CHECK(mastodon.account == account.id);
  CHECK(mastodon.handle == account.handle);
  CHECK(mastodon.count.limit == 500);
  CHECK(mastodon.count.count == 41 + 23 + 1 + 300);  // the URL counts 23
  CHECK(mastodon.count.valid);
  const auto& x = response.targets[1];
  CHECK_FALSE(x.account);
  CHECK(x.count.limit == 280);
  CHECK_FALSE(x.count.valid);
  REQUIRE(x.count.overflow.size() == 1);
  CHECK(x.count.overflow[0].end == 41 + 119 + 1 + 300);
  CHECK(response.targets[2].count.network == text::Network::bluesky);
  CHECK(response.plain.needs_expert_check);
  CHECK(response.plain.readability);
}

TEST_CASE("The text check refuses unknown accounts and networks and invalid UTF-8 with clear errors") {
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  wire::TextCheckRequest unknown_account;
  unknown_account.text = "hej";
  unknown_account.accounts = {AccountId{99}};
  CHECK(test::error_code_of([&] { api.check_text(unknown_account).get(); }) == ErrorCode::invalid_input);

  CHECK(post_status(kanald, R"({"text":"hej","networks":["myspace"]})") == 422);
  CHECK(post_status(kanald, "{\"text\":\"h\xC3\"}") == 400);
  CHECK(post_status(kanald, R"({"text":"hej","colour":"red"})") == 422);
  CHECK(post_status(kanald, R"({"text":"hej","accounts":["one"]})") == 422);
}
