// Every request the Mastodon plugin sends, checked by Prism against the
// official OpenAPI description (tests/specs/mastodon). Prism answers a
// request that breaks the description with 422, which the plugin reports as
// a NetworkError: so a call that returns normally was a valid request.
#include <catch2/catch.hpp>

#include <fstream>
#include <optional>

#include "mastodon_responses.h"
#include "networks/plugin_registry.h"

using namespace kanal;

namespace {

std::string prism_url() {
  std::ifstream in(KANAL_TEST_PRISM_DIR "/url");
  std::string url;
  if (!(in >> url)) throw std::runtime_error("Prism is not running (the prism_mastodon fixture starts it)");
  return url;
}

// Passes unless Prism refused the request (4xx). Prism answers valid
// requests with the description's examples, some of which lack fields the
// plugin needs (verify_credentials' example has no id): the plugin reports
// those as malformed answers, which says nothing about the request.
template <class T>
std::optional<T> valid(Future<T> future) {
  try {
    return future.get();
  } catch (const plugin::NetworkError& e) {
    if (e.reason().find("(HTTP 4") != std::string::npos) FAIL("Prism refused the request: " << e.reason());
    CHECK_THAT(e.reason(), Catch::Contains("malformed"));
    return std::nullopt;
  }
}

}  // namespace

TEST_CASE("the Mastodon plugin's requests follow the official API description") {
  const auto url = prism_url();
  net::HttpEngine http;
  SystemClock clock;
  networks::PluginRegistry registry(http, clock, Poco::Logger::get("mastodon-prism-test"));
  REQUIRE(registry.load(KANAL_PLUGIN_DIR "/mastodon.so"));
  auto* mastodon = registry.find("mastodon");

  SECTION("instance, app registration, token, account") {
    valid(mastodon->describe(url));
    auto authorization = valid(mastodon->begin_authorization(url, "http://127.0.0.1:9/callback"));
    REQUIRE(authorization);
    CHECK_THAT(authorization->authorize_url, Catch::Contains("code_challenge_method=S256"));
    // The token, then the account it acts as (verify_credentials, whose
    // example in the description has no id: a malformed answer, a valid request).
    valid(mastodon->complete_authorization(url, *authorization, "code-from-the-browser"));
    valid(mastodon->verify({url, "", mastodon::to_credentials(mastodon::Token{"token-for-prism"})}));
  }

  // The description's createStatus body is oneOf(TextStatus, MediaStatus,
  // PollStatus), and text+media matches two of them: a status with both is
  // invalid by the description although Mastodon accepts it. So media go in
  // a part of their own here.
  SECTION("posts, threads, media with alt text, delete") {
    const plugin::Connection connection{url, "", mastodon::to_credentials(mastodon::Token{"token-for-prism"})};
    plugin::Publication publication;
    publication.idempotency_key = "prism-1";
    publication.language = "sv";
    publication.parts = {{"1/2 Barnbidraget betalas ut den 20:e.", {}}, {"", {}}};
    publication.parts[1].media.push_back({std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, 'x'), "image/png",
                                          "family.png", "A family reading a letter from the agency."});
    auto published = valid(mastodon->publish(connection, publication));
    REQUIRE(published);
    CHECK(published->part_ids.size() == 2);
    valid(mastodon->remove(connection, published->network_id));
    // Looking for a post after the server forgot its key: the account's
    // statuses, and the source of each that could be it.
    const plugin::Connection account{url, "4242", connection.credentials};
    try {
      mastodon->find_published(account, publication, "", Timestamp{}).get();
    } catch (const plugin::NetworkError& e) {
      // Prism's examples may be malformed for us, or part of no thread of ours: only a refusal fails.
      if (e.reason().find("(HTTP 4") != std::string::npos) FAIL("Prism refused the request: " << e.reason());
    }
  }

  SECTION("notifications, conversations, replies, mute, block, report, figures, refresh") {
    const plugin::Connection connection{url, "", mastodon::to_credentials(mastodon::Token{"token-for-prism"})};
    valid(mastodon->fetch_interactions(connection, ""));
    valid(mastodon->fetch_interactions(connection, "109999"));
    valid(mastodon->fetch_thread(connection, "110000"));
    valid(mastodon->reply(
        connection,
        {"110000", "@anna@social.example", "Tack, vi ringer dig i morgon.", {}, "sv", true, "prism-reply-1"}));
    for (auto action : {plugin::ModerationAction::mute_author, plugin::ModerationAction::block_author,
                        plugin::ModerationAction::report}) {
      valid(mastodon->moderate(connection, {action, "110000", "4242", "Exposes a caseworker's home address."}));
    }
    valid(mastodon->account_metrics(connection));
    valid(mastodon->post_metrics(connection, {"110000", "110001"}));
    // Mastodon's tokens do not expire and its description has no refresh
    // grant (servers that issue refresh tokens use RFC 6749's, tested
    // against the sandbox): without a refresh token nothing is sent.
    CHECK_THROWS_AS(mastodon->refresh(connection).get(), plugin::NetworkError);
  }
}
