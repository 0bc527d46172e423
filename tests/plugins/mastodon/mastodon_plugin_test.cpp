// The Mastodon plugin, loaded as kanald loads it, against kanal-sandbox:
// authorisation, instance limits, publishing (single, thread, media with alt
// text), deleting, and every fault the sandbox injects.
#include <catch2/catch.hpp>

#include <Poco/URI.h>

#include "mastodon_fixture.h"

using namespace kanal;
using plugin::FailureKind;

namespace {

struct Fixture : test::MastodonFixture {
  Fixture() : MastodonFixture({"--max-characters", "640"}) {}

  plugin::Publication post(const std::string& text, const std::string& key) {
    plugin::Publication publication;
    publication.parts = {{text, {}}};
    publication.language = "sv";
    publication.idempotency_key = key;
    return publication;
  }

  FailureKind failure_of(Future<plugin::Published> future) {
    try {
      future.get();
    } catch (const plugin::NetworkError& e) {
      return e.kind();
    }
    FAIL("expected a NetworkError");
    return FailureKind::transient;
  }

  std::size_t live_statuses() {
    std::size_t count = 0;
    const auto statuses = sandbox.statuses();
    for (const auto& status : statuses.GetArray()) count += status["deleted"].GetBool() ? 0 : 1;
    return count;
  }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "OAuth with PKCE connects the account") {
  CHECK_FALSE(mastodon::access_token(connection).empty());
  CHECK(connection.server_url == sandbox.url());
  CHECK_FALSE(connection.account_id.empty());
  auto profile = mastodon->verify(connection).get();
  CHECK(profile.handle == "@kanal_demo@127.0.0.1");
  CHECK(profile.followers == 1200);
}

TEST_CASE_METHOD(Fixture, "a wrong PKCE verifier is refused") {
  auto request = mastodon->begin_authorization(sandbox.url(), "http://127.0.0.1:9/callback").get();
  Poco::URI uri(sandbox.approve_in_browser(request.authorize_url));
  std::string code;
  for (const auto& [name, value] : uri.getQueryParameters()) {
    if (name == "code") code = value;
  }
  // The verifier rides in what the plugin keeps between the two halves.
  const std::string key = "\"code_verifier\":\"";
  const auto at = request.pending.find(key);
  REQUIRE(at != std::string::npos);
  const auto start = at + key.size();
  request.pending.replace(start, request.pending.find('"', start) - start,
                          "not-the-verifier-that-made-the-challenge-000");
  try {
    mastodon->complete_authorization(sandbox.url(), request, code).get();
    FAIL("accepted");
  } catch (const plugin::NetworkError& e) {
    CHECK(e.kind() == FailureKind::rejected);
    CHECK_THAT(e.reason(), Catch::Contains("code_verifier"));
  }
}

TEST_CASE_METHOD(Fixture, "the instance's limits are read, not assumed") {
  auto description = mastodon->describe(sandbox.url()).get();
  CHECK(description.text.max_characters == 640);
  CHECK(description.text.characters_per_url == 23);
  CHECK(description.media.max_description_characters == 1500);
}

TEST_CASE_METHOD(Fixture, "a post is published once, however often it is sent") {
  auto published = mastodon->publish(connection, post("Barnbidraget betalas ut den 20:e.", "post-1")).get();
  CHECK_FALSE(published.network_id.empty());
  CHECK_THAT(published.url, Catch::StartsWith(sandbox.url() + "/@kanal_demo/"));
  auto again = mastodon->publish(connection, post("Barnbidraget betalas ut den 20:e.", "post-1")).get();
  CHECK(again.network_id == published.network_id);
  CHECK(live_statuses() == 1);
}

TEST_CASE_METHOD(Fixture, "a thread is a reply chain") {
  plugin::Publication thread = post("1/3 Ny lag om bostadsbidrag.", "thread-1");
  thread.parts.push_back({"2/3 Den gäller från 1 januari.", {}});
  thread.parts.push_back({"3/3 Läs mer på vår webbplats.", {}});
  auto published = mastodon->publish(connection, thread).get();
  REQUIRE(published.part_ids.size() == 3);
  auto statuses = sandbox.statuses();
  REQUIRE(statuses.Size() == 3);
  CHECK(std::string(statuses[1]["in_reply_to_id"].GetString()) == published.part_ids[0]);
  CHECK(std::string(statuses[2]["in_reply_to_id"].GetString()) == published.part_ids[1]);
}

TEST_CASE_METHOD(Fixture, "images go up with their alt text, and wait for processing") {
  plugin::Publication with_image = post("Så här ser vårt nya kontor ut.", "image-1");
  with_image.parts[0].media.push_back(
      {std::string("\x89PNG\r\n\x1a\n", 8) + std::string(2000, 'x'), "image/png", "office.png",
       "The new office: a bright room with a reception desk and a ramp at the entrance."});
  auto published = mastodon->publish(connection, with_image).get();
  auto statuses = sandbox.statuses();
  REQUIRE(statuses.Size() == 1);
  REQUIRE(statuses[0]["media"].Size() == 1);
  CHECK_THAT(std::string(statuses[0]["media"][0]["description"].GetString()), Catch::StartsWith("The new office"));
  CHECK(sandbox.requests_to("GET", "/api/v1/media/" + std::string(statuses[0]["media"][0]["id"].GetString())) >= 1);
  CHECK_FALSE(published.network_id.empty());
}

TEST_CASE_METHOD(Fixture, "a deleted post is gone, and deleting it again is fine") {
  auto published = mastodon->publish(connection, post("Fel datum, rättas.", "delete-1")).get();
  mastodon->remove(connection, published.network_id).get();
  CHECK(live_statuses() == 0);
  CHECK_NOTHROW(mastodon->remove(connection, published.network_id).get());
}

TEST_CASE_METHOD(Fixture, "network failures arrive typed") {
  SECTION("5xx is transient, and nothing was posted") {
    sandbox.add_fault(R"({"kind":"server_error","path":"/api/v1/statuses"})");
    CHECK(failure_of(mastodon->publish(connection, post("x", "f1"))) == FailureKind::transient);
    CHECK(live_statuses() == 0);
  }
  SECTION("429 is rate_limited with the reset time") {
    sandbox.add_fault(R"({"kind":"rate_limited","path":"/api/v1/statuses","delay_ms":60000})");
    try {
      mastodon->publish(connection, post("x", "f2")).get();
      FAIL("no error");
    } catch (const plugin::NetworkError& e) {
      CHECK(e.kind() == FailureKind::rate_limited);
      REQUIRE(e.reset_at());
      CHECK(*e.reset_at() > SystemClock{}.now() + std::chrono::seconds(30));
    }
  }
  SECTION("a revoked token is auth_expired") {
    sandbox.revoke_tokens();
    CHECK(failure_of(mastodon->publish(connection, post("x", "f3"))) == FailureKind::auth_expired);
  }
  SECTION("too long a text is rejected with the network's reason") {
    try {
      mastodon->publish(connection, post(std::string(700, 'a'), "f4")).get();
      FAIL("no error");
    } catch (const plugin::NetworkError& e) {
      CHECK(e.kind() == FailureKind::rejected);
      CHECK_THAT(e.reason(), Catch::Contains("character limit of 640"));
    }
  }
  SECTION("a connection dropped after posting is an unknown outcome; resending does not duplicate") {
    sandbox.add_fault(R"({"kind":"drop_after","path":"/api/v1/statuses"})");
    CHECK(failure_of(mastodon->publish(connection, post("Once only", "f5"))) == FailureKind::unknown_outcome);
    CHECK(live_statuses() == 1);
    mastodon->publish(connection, post("Once only", "f5")).get();
    CHECK(live_statuses() == 1);
  }
  SECTION("a malformed answer to posting is an unknown outcome; resending does not duplicate") {
    sandbox.add_fault(R"({"kind":"malformed_json","path":"/api/v1/statuses"})");
    CHECK(failure_of(mastodon->publish(connection, post("Once again", "f6"))) == FailureKind::unknown_outcome);
    mastodon->publish(connection, post("Once again", "f6")).get();
    CHECK(live_statuses() == 1);
  }
  SECTION("a malformed instance description is transient, not a crash") {
    sandbox.add_fault(R"({"kind":"malformed_json","path":"/api/v2/instance"})");
    try {
      mastodon->describe(sandbox.url()).get();
      FAIL("no error");
    } catch (const plugin::NetworkError& e) {
      CHECK(e.kind() == FailureKind::transient);
    }
  }
  SECTION("an unreachable server is transient: nothing was sent") {
    connection.server_url = "http://127.0.0.1:1";
    CHECK(failure_of(mastodon->publish(connection, post("x", "f7"))) == FailureKind::transient);
  }
}

// After the server forgot an idempotency key, kanald asks the plugin to look
// for the post before sending it again.
TEST_CASE_METHOD(Fixture, "a post the server forgot the key of is found on the account by its text") {
  const auto before = SystemClock{}.now() - std::chrono::seconds(1);
  plugin::Publication thread = post("1/3 Ny lag om bostadsbidrag, läs mer.", "thread-2");
  thread.parts.push_back({"2/3 Den gäller från 1 januari.", {}});
  thread.parts.push_back({"3/3 Frågor? https://www.example.se/bidrag", {}});
  auto published = mastodon->publish(connection, thread).get();
  // Others on the account since then, one with the same words in another order.
  mastodon->publish(connection, post("Den gäller från 1 januari, 2/3.", "other-1")).get();
  mastodon->publish(connection, post("Kontoret stänger kl. 15.", "other-2")).get();

  auto found = mastodon->find_published(connection, thread, "", before).get();
  REQUIRE(found.size() == 1);
  CHECK(found[0].network_id == published.network_id);
  CHECK(found[0].part_ids == published.part_ids);
  CHECK(found[0].url == published.url);

  // Posted before the attempt: not this attempt's.
  CHECK(mastodon->find_published(connection, thread, "", SystemClock{}.now() + std::chrono::minutes(1)).get().empty());
  // Another text: not there.
  CHECK(mastodon->find_published(connection, post("Kontoret stänger kl. 16.", "x"), "", before).get().empty());

  // The first parts there, the last not: nobody can tell what a resend would do.
  auto longer = thread;
  longer.parts.push_back({"4/4 Ring oss.", {}});
  try {
    mastodon->find_published(connection, longer, "", before).get();
    FAIL("a thread found in part");
  } catch (const plugin::NetworkError& e) {
    CHECK(e.kind() == FailureKind::unknown_outcome);
    CHECK_THAT(e.reason(), Catch::Contains("3 of the thread's 4 parts"));
  }

  // An answer, as reply() sends it: with the handle of the person answered.
  const auto answered = sandbox.comment(R"({"text":"När betalas bidraget?","in_reply_to_id":")" + published.network_id +
                                        R"(","from":"anna"})");
  auto reply = mastodon
                   ->reply(connection,
                           {answered, "@anna@sandbox.kanal.test", "Den 20:e varje månad.", {}, "sv", false, "reply-1"})
                   .get();
  auto answer = post("Den 20:e varje månad.", "reply-1");
  auto found_answer = mastodon->find_published(connection, answer, answered, before).get();
  REQUIRE(found_answer.size() == 1);
  CHECK(found_answer[0].network_id == reply.network_id);
  CHECK(mastodon->find_published(connection, answer, published.network_id, before).get().empty());
}
