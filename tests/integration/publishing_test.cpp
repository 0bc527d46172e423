// Publishing end to end: kanald and kanal-sandbox as real processes. An
// account is connected through the browser flow, posts go out once each,
// and the network's failures end as retries, typed failures or a request to
// reconnect — never as a lost or duplicated post.
#include <catch2/catch.hpp>

#include <map>
#include <thread>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "api/wire/networks.h"
#include "core/error.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/eventually.h"
#include "support/images.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/team.h"

using namespace kanal;
using namespace std::chrono_literals;

using test::connect_sandbox_account;
using test::wait_until_settled;

TEST_CASE("a connected account publishes a post once, with its link") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  const auto networks = api.networks().get();
  const auto* mastodon = wire::find_network(networks, "mastodon");
  REQUIRE(mastodon != nullptr);
  CHECK(mastodon->signs_in_with(SignInMethod::oauth));
  CHECK(mastodon->text.max_characters == 500);
  auto account = connect_sandbox_account(api, sandbox);
  CHECK(account.handle == "@kanal_demo@127.0.0.1");
  CHECK(account.followers == 1200);

  auto post = api.create_post({"Barnbidraget betalas ut den 20:e.", {}}).get();
  api.publish(post.id, {{account.id}}).get();
  auto deliveries = wait_until_settled(api, post.id);
  REQUIRE(deliveries.size() == 1);
  CHECK(deliveries[0].state == "published");
  CHECK_THAT(deliveries[0].url, Catch::StartsWith(sandbox.url() + "/@kanal_demo/"));
  CHECK(api.get_post(post.id).get().state == PostState::published);
  CHECK(sandbox.statuses().Size() == 1);

  // Publishing it again is refused, not repeated.
  CHECK_THROWS_AS(api.publish(post.id, {{account.id}}).get(), Error);
  CHECK(sandbox.statuses().Size() == 1);
}

TEST_CASE("a thread with an image and its alt text arrives once, as a reply chain") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  auto image = api.upload_media(test::tiny_png(), "office.png").get();
  wire::CreatePostRequest request{"Our Tromsø office moves on 1 March.", {}};
  request.media = {{image.id, "Map of the new office by the harbour"}};
  request.thread = {{"Opening hours stay the same: 9 to 15.", {}}, {"Questions? Reply here.", {}}};
  auto post = api.create_post(request).get();

  // Without alt text it would not go out: kanald says why and queues nothing.
  wire::UpdatePostRequest no_alt{post.version};
  no_alt.media = std::vector<Attachment>{{image.id, ""}};
  auto bare = api.update_post(post.id, no_alt).get();
  try {
    api.publish(post.id, {{account.id}}).get();
    FAIL("a post with an image without alt text was accepted for publishing");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.detail(), Catch::Contains("alt text"));
  }
  CHECK(api.deliveries(post.id).get().empty());
  wire::UpdatePostRequest with_alt{bare.version};
  with_alt.media = std::vector<Attachment>{{image.id, "Map of the new office by the harbour"}};
  api.update_post(post.id, with_alt).get();

  api.publish(post.id, {{account.id}}).get();
  auto deliveries = wait_until_settled(api, post.id);
  REQUIRE(deliveries.size() == 1);
  CHECK(deliveries[0].state == "published");
  auto statuses = sandbox.statuses();
  REQUIRE(statuses.Size() == 3);
  CHECK(std::string(statuses[0]["text"].GetString()) == "Our Tromsø office moves on 1 March.");
  REQUIRE(statuses[0]["media"].Size() == 1);
  CHECK(std::string(statuses[0]["media"][0]["description"].GetString()) == "Map of the new office by the harbour");
  CHECK(std::string(statuses[1]["in_reply_to_id"].GetString()) == statuses[0]["id"].GetString());
  CHECK(std::string(statuses[2]["in_reply_to_id"].GetString()) == statuses[1]["id"].GetString());
  CHECK(std::string(statuses[2]["text"].GetString()) == "Questions? Reply here.");
  // The link is the thread's first post.
  CHECK_THAT(deliveries[0].url, Catch::EndsWith(statuses[0]["id"].GetString()));
}

TEST_CASE("a post waiting in the outbox cannot be edited, and one changed behind kanald's back does not go out") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald({"--account-check-s", "1"});
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  auto image = api.upload_media(test::tiny_png(), "office.png").get();
  wire::CreatePostRequest request{"Our new office."};
  request.media = {{image.id, "The entrance of the new office"}};
  auto post = api.create_post(request).get();

  // The account needs a person, so the post waits in the outbox...
  sandbox.revoke_tokens();
  REQUIRE(test::eventually([&] { return api.accounts().get().at(0).health == AccountHealth::needs_reauthorization; }));
  api.publish(post.id, {{account.id}}).get();
  // ...where the API refuses to change it...
  wire::UpdatePostRequest no_alt{api.get_post(post.id).get().version};
  no_alt.media = std::vector<Attachment>{{image.id, ""}};
  CHECK(test::error_code_of([&] { api.update_post(post.id, no_alt).get(); }) == ErrorCode::invalid_input);
  // ...and a change made in the database directly is caught by the publisher:
  // it sends only the content it was cleared to send.
  {
    const auto db = kanald.database().open();
    db->transact(
        [](Poco::Data::Session& s) { s << "UPDATE post_media SET description = ''", Poco::Data::Keywords::now; });
  }

  connect_sandbox_account(api, sandbox);
  auto deliveries = wait_until_settled(api, post.id);
  CHECK(deliveries.at(0).state == "failed");
  CHECK_THAT(deliveries.at(0).last_error, Catch::Contains("changed after it was cleared"));
  CHECK(sandbox.statuses().Size() == 0);
}

TEST_CASE("tokens are stored sealed, never in the clear") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  connect_sandbox_account(api, sandbox);
  kanald.stop();  // checkpoint the WAL into the database file
  const auto secrets = sandbox.issued_secrets();
  REQUIRE(secrets.size() >= 2);  // the app's client secret and the access token
  for (const auto* name : {"kanal.db", "kanal.db-wal"}) {
    const auto path = kanald.database().is_postgresql() ? std::filesystem::path() : kanald.data_dir() / name;
    if (path.empty() || !std::filesystem::exists(path)) continue;
    const auto bytes = test::read_text_file(path);
    for (const auto& secret : secrets) CHECK(bytes.find(secret) == std::string::npos);
    CHECK(bytes.find("access_token") == std::string::npos);
  }
  const auto db = kanald.database().open();
  std::vector<std::string> sealed;
  db->read([&](Poco::Data::Session& s) {
    s << "SELECT credentials FROM accounts", Poco::Data::Keywords::into(sealed), Poco::Data::Keywords::now;
  });
  REQUIRE(sealed.size() == 1);
  for (const auto& secret : secrets) CHECK(sealed[0].find(secret) == std::string::npos);
  // Nor in kanald's log.
  for (const auto& secret : secrets) CHECK(kanald.log().find(secret) == std::string::npos);
}

TEST_CASE("transient failures are retried until the post is out, once") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  sandbox.add_fault(R"({"kind":"server_error","path":"/api/v1/statuses","count":2})");
  auto post = api.create_post({"Kontoret stänger kl. 15 på fredag.", {}}).get();
  api.publish(post.id, {{account.id}}).get();
  auto deliveries = wait_until_settled(api, post.id);
  CHECK(deliveries[0].state == "published");
  CHECK(deliveries[0].attempts == 3);
  CHECK(sandbox.statuses().Size() == 1);
}

TEST_CASE("a lost answer is resolved with the same key: one post") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  sandbox.add_fault(R"({"kind":"drop_after","path":"/api/v1/statuses"})");
  auto post = api.create_post({"Nya öppettider från måndag.", {}}).get();
  api.publish(post.id, {{account.id}}).get();
  auto deliveries = wait_until_settled(api, post.id);
  CHECK(deliveries[0].state == "published");
  CHECK(deliveries[0].attempts == 2);
  CHECK(sandbox.statuses().Size() == 1);
  CHECK(sandbox.requests_to("POST", "/api/v1/statuses") == 2);
}

TEST_CASE("a thread whose second part's answer is lost resumes where it was, without a second first part") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  sandbox.add_fault(R"({"kind":"drop_after","path":"/api/v1/statuses","skip":1})");
  wire::CreatePostRequest request{"1/3 Nya regler för bostadsbidrag.", {}};
  request.thread = {{"2/3 De gäller från 1 januari.", {}}, {"3/3 Frågor? Svara här.", {}}};
  auto post = api.create_post(request).get();
  api.publish(post.id, {{account.id}}).get();
  auto deliveries = wait_until_settled(api, post.id);
  REQUIRE(deliveries.size() == 1);
  CHECK(deliveries[0].state == "published");
  CHECK(deliveries[0].attempts == 2);
  auto statuses = sandbox.statuses();
  REQUIRE(statuses.Size() == 3);  // each part once, though parts 1 and 2 were sent twice
  CHECK(std::string(statuses[1]["in_reply_to_id"].GetString()) == statuses[0]["id"].GetString());
  CHECK(std::string(statuses[2]["in_reply_to_id"].GetString()) == statuses[1]["id"].GetString());
  CHECK(sandbox.requests_to("POST", "/api/v1/statuses") == 5);
}

TEST_CASE("a text longer than the account's server allows is refused before anything is sent") {
  test::SandboxProcess sandbox({"--max-characters", "40"});
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  auto post = api.create_post({"This text is far too long for a server that allows forty characters.", {}}).get();
  try {
    api.publish(post.id, {{account.id}}).get();
    FAIL("published");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.detail(), Catch::Contains("68/40 graphemes") && Catch::Contains("too long for Mastodon"));
  }
  CHECK(sandbox.requests_to("POST", "/api/v1/statuses") == 0);
  CHECK(api.get_post(post.id).get().state == PostState::draft);
}

TEST_CASE("a refusal by the network fails the post with the network's reason") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  sandbox.add_fault(R"({"kind":"unprocessable","path":"/api/v1/statuses","count":1})");
  auto post = api.create_post({"Barnbidraget betalas ut den 20:e.", {}}).get();
  api.publish(post.id, {{account.id}}).get();
  auto deliveries = wait_until_settled(api, post.id);
  CHECK(deliveries[0].state == "failed");
  CHECK_THAT(deliveries[0].last_error, Catch::Contains("Validation failed (injected)"));
  CHECK(api.get_post(post.id).get().state == PostState::failed);
}

TEST_CASE("a revoked token marks the account for reconnection and nothing goes out") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  sandbox.revoke_tokens();
  auto post = api.create_post({"Väntar på inloggning.", {}}).get();
  api.publish(post.id, {{account.id}}).get();
  REQUIRE(test::eventually([&] { return api.accounts().get().at(0).health == AccountHealth::needs_reauthorization; }));
  auto deliveries = api.deliveries(post.id).get();
  CHECK(deliveries[0].state == "pending");
  CHECK(sandbox.statuses().Size() == 0);

  // Reconnecting lets it go out, once.
  connect_sandbox_account(api, sandbox);
  CHECK(api.accounts().get().at(0).health == AccountHealth::ok);
  CHECK(wait_until_settled(api, post.id)[0].state == "published");
  CHECK(sandbox.statuses().Size() == 1);
}

// Mastodon keeps an Idempotency-Key for an hour; here both sides keep it for
// one second, so a resend after that would post twice.
TEST_CASE("a lost answer older than the network's idempotency window is looked up on the account, not resent") {
  test::SandboxProcess sandbox({"--idempotency-window", "1"});
  test::KanaldProcess kanald({"--idempotency-window", "mastodon=1"});
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  // The post is made and its answer lost; the next attempt (a resend within
  // the window, or a look) loses its answer too, the third is certainly late.
  sandbox.add_fault(R"({"kind":"drop_after","path":"/api/v1/statuses","count":2})");
  auto post = api.create_post({"Bostadsbidraget höjs från 1 januari.", {}}).get();
  api.publish(post.id, {{account.id}}).get();
  auto deliveries = wait_until_settled(api, post.id);
  REQUIRE(deliveries.size() == 1);
  CHECK(deliveries[0].state == "published");
  auto statuses = sandbox.statuses();
  REQUIRE(statuses.Size() == 1);
  CHECK_THAT(deliveries[0].url, Catch::EndsWith("/" + std::string(statuses[0]["id"].GetString())));
  const auto source = "/api/v1/statuses/" + std::string(statuses[0]["id"].GetString()) + "/source";
  CHECK(sandbox.requests_to("GET", source) >= 1);
  CHECK_THAT(kanald.log(), Catch::Contains("was found on account"));
}

TEST_CASE("where the network cannot tell, a person decides: it is there, or it goes again") {
  test::SandboxProcess sandbox({"--idempotency-window", "1"});
  test::KanaldProcess kanald({"--idempotency-window", "mastodon=1"});
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  // A thread whose second part is made but its answer lost (twice): when
  // kanald looks, two of three parts are there — a resend cannot be right.
  const auto undecided_thread = [&](const std::string& title) {
    sandbox.add_fault(R"({"kind":"drop_after","path":"/api/v1/statuses","skip":1,"count":2})");
    wire::CreatePostRequest request{"1/3 " + title, {}};
    request.thread = {{"2/3 De gäller från 1 januari.", {}}, {"3/3 Frågor? Svara här.", {}}};
    auto post = api.create_post(request).get();
    api.publish(post.id, {{account.id}}).get();
    auto deliveries = wait_until_settled(api, post.id);
    REQUIRE(deliveries.size() == 1);
    CHECK(deliveries[0].state == "undecided");
    CHECK_THAT(deliveries[0].last_error, Catch::Contains("2 of the thread's 3 parts"));
    CHECK(api.get_post(post.id).get().state == PostState::failed);  // it needs someone
    return post.id;
  };

  const auto first = undecided_thread("Nya regler för bostadsbidrag.");
  const auto statuses_before = sandbox.statuses().Size();
  // Deciding is publishing: someone the account lets only draft may not.
  test::Team team(kanald);
  auto& drafter = team.add("maja", Role::line_manager);
  api.set_account_permissions(account.id,
                              {{api.me().get().user.id, {"draft", "publish", "approve", "answer", "moderate"}},
                               {team.user("maja").id, {"draft"}}})
      .get();
  CHECK(test::error_code_of([&] {
          drafter.decide_delivery(first, account.id, {"publish_again", ""}).get();
        }) == ErrorCode::forbidden);
  // A person looked, and says it is there: nothing more is sent.
  auto decided = api.decide_delivery(first, account.id, {"published", sandbox.url() + "/@kanal_demo/1"}).get();
  CHECK(decided[0].state == "published");
  CHECK(api.get_post(first).get().state == PostState::published);
  CHECK(test::error_code_of([&] {
          api.decide_delivery(first, account.id, {"publish_again", ""}).get();
        }) == ErrorCode::stale_version);
  std::this_thread::sleep_for(1500ms);
  CHECK(sandbox.statuses().Size() == statuses_before);

  // Another: the person says it is not, and it goes again under a new key.
  const auto second = undecided_thread("Nya regler för barnbidrag.");
  const auto made = sandbox.statuses().Size();
  decided = api.decide_delivery(second, account.id, {"publish_again", ""}).get();
  CHECK(decided[0].state == "pending");
  auto deliveries = wait_until_settled(api, second);
  CHECK(deliveries[0].state == "published");
  CHECK(sandbox.statuses().Size() == made + 3);

  // Both decisions are on the record, with who took them.
  auto trail = api.audit("action=post.delivery_decided").get();
  CHECK(trail.events.size() == 2);
  CHECK(test::error_code_of([&] {
          api.decide_delivery(second, account.id, {"maybe", ""}).get();
        }) == ErrorCode::invalid_input);
}

// A full disk, made by a trigger refusing what the publisher writes when a
// post is out: the outcome is kept and recorded once the database takes it
// — never left in flight for a restart to send again.
TEST_CASE("an outcome the database refuses is recorded once it can be, and the post is sent once") {
  test::SandboxProcess sandbox;
  test::KanaldProcess kanald;
  client::ApiClient api(kanald.endpoint());
  auto account = connect_sandbox_account(api, sandbox);
  auto db = kanald.database().open();
  const bool postgresql = kanald.database().is_postgresql();
  db->transact([&](Poco::Data::Session& s) {
    if (postgresql) {
      s << "CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN "
           "RAISE EXCEPTION 'could not extend file: No space left on device'; END $body$",
          Poco::Data::Keywords::now;
      s << "CREATE TRIGGER disk_full BEFORE UPDATE ON outbox FOR EACH ROW WHEN (NEW.state = 'published') "
           "EXECUTE FUNCTION disk_full()",
          Poco::Data::Keywords::now;
    } else {
      s << "CREATE TRIGGER disk_full BEFORE UPDATE OF state ON outbox WHEN NEW.state = 'published' "
           "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
          Poco::Data::Keywords::now;
    }
  });
  auto post = api.create_post({"Utbetalningen kommer en dag senare i december.", {}}).get();
  api.publish(post.id, {{account.id}}).get();
  REQUIRE(test::eventually([&] { return sandbox.statuses().Size() == 1; }));
  REQUIRE(test::eventually(
      [&] { return kanald.log().find("could not record a delivery's outcome") != std::string::npos; }));
  std::this_thread::sleep_for(1s);  // it keeps trying; nothing else is sent meanwhile
  CHECK(api.deliveries(post.id).get()[0].state == "in_flight");

  const std::string drop = postgresql ? "DROP TRIGGER disk_full ON outbox" : "DROP TRIGGER disk_full";
  db->transact([&](Poco::Data::Session& s) { s << drop, Poco::Data::Keywords::now; });
  auto deliveries = wait_until_settled(api, post.id);
  CHECK(deliveries[0].state == "published");
  CHECK(deliveries[0].attempts == 1);
  CHECK(sandbox.statuses().Size() == 1);
  CHECK(sandbox.requests_to("POST", "/api/v1/statuses") == 1);
}
