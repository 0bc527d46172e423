// The X plugin, loaded as kanald loads it, against the suite's X: a fake X
// behind Prism, which checks every request and answer against X's official
// OpenAPI description (tests/specs/x) — so a call that goes through was a
// valid one. Signing in (OAuth 2.0 with PKCE as a confidential client),
// threads with images and alt text posted exactly once although X has no
// idempotency key, mentions and replies, hiding and muting, figures — and
// what goes wrong: an expired token, a revoked refresh token, a 429, the
// monthly cap, a duplicate text, malformed JSON, an image X refuses, a
// deleted post.
#include <catch2/catch.hpp>

#include "core/json.h"
#include "networks/plugin_registry.h"
#include "support/images.h"
#include "support/x_network.h"
#include "x_tokens.h"

using namespace kanal;
using namespace std::chrono_literals;
using plugin::FailureKind;

namespace {

plugin::NetworkError error_of(auto&& call) {
  try {
    call();
  } catch (const plugin::NetworkError& e) {
    return e;
  }
  FAIL("no error");
  return plugin::NetworkError(FailureKind::transient, "");
}

plugin::Publication thread_of(std::string key, std::vector<std::string> texts) {
  plugin::Publication publication;
  publication.idempotency_key = std::move(key);
  publication.language = "sv";
  for (auto& text : texts) publication.parts.push_back({std::move(text), {}, {}});
  return publication;
}

// The fake's posts by `author_id` that are not deleted, by text.
std::vector<std::string> texts_of(const rapidjson::Document& state, const std::string& author_id) {
  std::vector<std::string> texts;
  for (const auto& tweet : state["tweets"].GetArray()) {
    const bool deleted = tweet.HasMember("deleted") && tweet["deleted"].IsBool() && tweet["deleted"].GetBool();
    if (std::string(tweet["author_id"].GetString()) == author_id && !deleted) {
      texts.emplace_back(tweet["text"].GetString());
    }
  }
  return texts;
}

const rapidjson::Value* tweet_in(const rapidjson::Document& state, const std::string& id) {
  for (const auto& tweet : state["tweets"].GetArray()) {
    if (id == tweet["id"].GetString()) return &tweet;
  }
  return nullptr;
}

struct XFixture {
  test::XNetwork network{KANAL_TEST_X_DIR};
  net::HttpEngine http;
  AdjustableClock clock;  // the plugin's clock: a test may let a minute pass
  networks::PluginWorkspace workspace;
  networks::PluginRegistry registry{http, clock, Poco::Logger::get("x-test"), &workspace};
  plugin::Network* x = nullptr;
  std::string director_id = network.user_id("kanal_director");
  std::string journalist_id = network.create_user("anna_reporter", "Anna Svensson", 5400);
  plugin::Connection connection;

  XFixture() {
    // As an admin and `kanald --network-url` give them: the app, the API behind Prism, OAuth on the fake.
    workspace.override_setting("x", "client_id", test::XNetwork::kClientId);
    workspace.override_setting("x", "client_secret", test::XNetwork::kClientSecret);
    workspace.override_setting("x", "url", network.api_url());
    workspace.override_setting("x", "oauth_url", network.fake_url());
    workspace.override_setting("x", "authorize_url", network.fake_url() + "/i/oauth2/authorize");
    REQUIRE(registry.load(KANAL_PLUGIN_DIR "/x.so"));
    x = registry.find("x");
    REQUIRE(x != nullptr);
    network.sign_in_as("kanal_director");
    connection = sign_in();
  }

  plugin::Connection sign_in() {
    const auto redirect = std::string("http://127.0.0.1:9/callback");
    const auto authorization = x->begin_authorization("", redirect).get();
    const auto back = network.consent(authorization.authorize_url);
    REQUIRE(back.rfind(redirect, 0) == 0);
    REQUIRE_THAT(back, Catch::Contains("state=" + authorization.state));
    const auto code = back.substr(back.find("code=") + 5, back.find('&', back.find("code=")) - back.find("code=") - 5);
    const auto signed_in = x->complete_authorization("", authorization, code).get();
    REQUIRE(signed_in.accounts.size() == 1);
    return signed_in.accounts.front().connection;
  }
};

}  // namespace

TEST_CASE_METHOD(XFixture, "signing in to X asks for the fewest scopes and gives the account") {
  const auto authorization = x->begin_authorization("", "http://127.0.0.1:9/callback").get();
  CHECK_THAT(authorization.authorize_url, Catch::Contains("code_challenge_method=S256"));
  CHECK_THAT(authorization.authorize_url, Catch::Contains("offline.access"));
  CHECK_THAT(authorization.authorize_url, !Catch::Contains("dm.write"));
  CHECK(connection.account_id == director_id);
  CHECK(connection.credentials.renewable);
  REQUIRE(connection.credentials.expires_at);
  CHECK(*connection.credentials.expires_at > clock.now() + 1h);
  const auto profile = x->verify(connection).get();
  CHECK(profile.handle == "@kanal_director");
  CHECK(profile.followers == 1200);

  SECTION("without the workspace's app, sign-in says what an admin must do") {
    workspace.override_setting("x", "client_secret", "");
    const auto error = error_of([&] { x->begin_authorization("", "http://127.0.0.1:9/callback").get(); });
    CHECK(error.kind() == FailureKind::rejected);
    CHECK_THAT(error.reason(), Catch::Contains("client id and secret"));
  }
  SECTION("a wrong client secret is refused at the token exchange") {
    const auto started = x->begin_authorization("", "http://127.0.0.1:9/callback").get();
    const auto back = network.consent(started.authorize_url);
    workspace.override_setting("x", "client_secret", "not-the-secret");
    const auto code = back.substr(back.find("code=") + 5, back.find('&', back.find("code=")) - back.find("code=") - 5);
    CHECK(error_of([&] { x->complete_authorization("", started, code).get(); }).kind() != FailureKind::transient);
  }
  SECTION("disconnecting revokes the tokens at X") {
    x->sign_out(connection).get();
    CHECK(error_of([&] { x->verify(connection).get(); }).kind() == FailureKind::auth_expired);
    CHECK(error_of([&] { x->refresh(connection).get(); }).kind() == FailureKind::auth_expired);
  }
}

TEST_CASE_METHOD(XFixture, "a thread with an image and alt text goes to X as replies, each part once") {
  auto publication = thread_of(
      "x-thread-1", {"1/2 Barnbidraget betalas ut den 20:e i månaden.", "2/2 Frågor? Ring oss på 0771-524 524."});
  publication.parts[0].media.push_back(
      {test::tiny_png(), "image/png", "barnbidrag.png", "Kalender med den 20:e inringad"});
  const auto published = x->publish(connection, publication).get();
  REQUIRE(published.part_ids.size() == 2);
  CHECK_THAT(published.url, Catch::Contains(published.network_id));

  const auto state = network.state();
  const auto* second = tweet_in(state, published.part_ids[1]);
  REQUIRE(second != nullptr);
  CHECK_THAT(json::written([&](json::JsonWriter& w) { (*second).Accept(w); }), Catch::Contains(published.part_ids[0]));
  bool alt_text_given = false;
  for (const auto& media : state["media"].GetArray()) {
    const auto text = json::written([&](json::JsonWriter& w) { media.Accept(w); });
    alt_text_given = alt_text_given || text.find("Kalender med den 20:e inringad") != std::string::npos;
  }
  CHECK(alt_text_given);

  SECTION("the same publication again is not a second post") {
    CHECK(x->publish(connection, publication).get().part_ids == published.part_ids);
    CHECK(texts_of(network.state(), director_id).size() == 2);
  }
}

TEST_CASE_METHOD(XFixture, "after an answer lost once X made the post, a resend finds it instead of posting again") {
  SECTION("a single post") {
    network.fault("lose_answer", "POST", "/2/tweets");
    const auto publication = thread_of("x-lost-1", {"Nya öppettider på servicekontoren från måndag."});
    CHECK(error_of([&] { x->publish(connection, publication).get(); }).kind() == FailureKind::unknown_outcome);
    const auto published = x->publish(connection, publication).get();
    CHECK(texts_of(network.state(), director_id) ==
          std::vector<std::string>{"Nya öppettider på servicekontoren från måndag."});
    CHECK(network.requests("POST", "/2/tweets") == 1);
    CHECK_FALSE(published.network_id.empty());
  }
  SECTION("a thread: the resend goes on at the first part not found") {
    const auto publication = thread_of(
        "x-lost-2", {"1/3 Ansök om bostadsbidrag i appen.", "2/3 Du behöver BankID.", "3/3 Beslut inom två veckor."});
    network.fault("lose_answer", "POST", "/2/tweets", 1);  // X makes part 1; its answer is lost
    CHECK(error_of([&] { x->publish(connection, publication).get(); }).kind() == FailureKind::unknown_outcome);
    const auto published = x->publish(connection, publication).get();
    REQUIRE(published.part_ids.size() == 3);
    CHECK(texts_of(network.state(), director_id).size() == 3);
    CHECK(network.requests("POST", "/2/tweets") == 3);  // part 1 once, then parts 2 and 3
    const auto state = network.state();
    const auto* third = tweet_in(state, published.part_ids[2]);
    REQUIRE(third != nullptr);
    CHECK_THAT(json::written([&](json::JsonWriter& w) { third->Accept(w); }), Catch::Contains(published.part_ids[1]));
  }
  SECTION("a part X does not list yet is looked for again after a minute, not sent again at once") {
    network.fault("lose_answer", "POST", "/2/tweets");
    const auto publication = thread_of("x-lost-unlisted", {"Ny e-tjänst för underhållsstöd."});
    CHECK(error_of([&] { x->publish(connection, publication).get(); }).kind() == FailureKind::unknown_outcome);
    // As if X had not made it after all (or did not list it yet): the post is not on the account.
    const auto made = texts_of(network.state(), director_id);
    REQUIRE(made.size() == 1);
    const auto state = network.state();
    for (const auto& tweet : state["tweets"].GetArray()) x->remove(connection, tweet["id"].GetString()).get();
    const auto early = error_of([&] { x->publish(connection, publication).get(); });
    CHECK(early.kind() == FailureKind::unknown_outcome);
    REQUIRE(early.reset_at());
    CHECK(*early.reset_at() > clock.now());
    CHECK(network.requests("POST", "/2/tweets") == 1);  // nothing sent again yet
    clock.advance(std::chrono::minutes(2));
    x->publish(connection, publication).get();
    CHECK(texts_of(network.state(), director_id) == std::vector<std::string>{"Ny e-tjänst för underhållsstöd."});
  }
  SECTION("a text kanald writes otherwise on the resend (a press contact's handle changed) is still found") {
    network.fault("lose_answer", "POST", "/2/tweets");
    auto publication = thread_of("x-lost-rewritten", {"Intervju med @anna_reporter i dag."});
    CHECK(error_of([&] { x->publish(connection, publication).get(); }).kind() == FailureKind::unknown_outcome);
    publication.parts[0].text = "Intervju med Anna Svensson i dag.";
    x->publish(connection, publication).get();
    CHECK(texts_of(network.state(), director_id) == std::vector<std::string>{"Intervju med @anna_reporter i dag."});
  }
  SECTION("malformed JSON in the answer to a post is an unknown outcome resolved the same way") {
    network.fault("malformed_json", "POST", "/2/tweets");
    const auto publication = thread_of("x-malformed-1", {"Vi har öppet till 18 i dag."});
    CHECK(error_of([&] { x->publish(connection, publication).get(); }).kind() == FailureKind::unknown_outcome);
    x->publish(connection, publication).get();
    CHECK(texts_of(network.state(), director_id).size() == 1);
  }
}

TEST_CASE_METHOD(XFixture, "what X refuses or withholds ends in a typed error") {
  SECTION("an expired access token: renewed with the refresh token, then the call works") {
    network.fault("expire_access_tokens");
    CHECK(error_of([&] { x->verify(connection).get(); }).kind() == FailureKind::auth_expired);
    connection.credentials = x->refresh(connection).get();
    CHECK(x->verify(connection).get().handle == "@kanal_director");
  }
  SECTION("a revoked refresh token asks for the account to be connected again") {
    network.fault("revoke_refresh_tokens");
    const auto error = error_of([&] { x->refresh(connection).get(); });
    CHECK(error.kind() == FailureKind::auth_expired);
    CHECK_THAT(error.reason(), Catch::Contains("connect it again"));
  }
  SECTION("429: waited out until X's reset time") {
    network.fault("rate_limit", "POST", "/2/tweets", 1, 120);
    const auto error = error_of([&] { x->publish(connection, thread_of("x-429", {"Hej"})).get(); });
    CHECK(error.kind() == FailureKind::rate_limited);
    REQUIRE(error.reset_at());
    CHECK(*error.reset_at() > clock.now() + 60s);
    CHECK(*error.reset_at() < clock.now() + 200s);
  }
  SECTION("the monthly cap holds posts until it renews, and says so") {
    workspace.override_setting("x", "monthly_reset_day", "15");
    network.fault("monthly_cap", "POST", "/2/tweets");
    const auto error = error_of([&] { x->publish(connection, thread_of("x-cap", {"Hej"})).get(); });
    CHECK(error.kind() == FailureKind::rate_limited);
    CHECK_THAT(error.reason(), Catch::Contains("X's monthly limit for this app is reached until"));
    REQUIRE(error.reset_at());
    CHECK(to_iso8601(*error.reset_at()).substr(8, 2) == "15");
  }
  SECTION("the same text twice: X's duplicate refusal in plain words") {
    x->publish(connection, thread_of("x-dup-1", {"Påminnelse: deklarera senast 2 maj."})).get();
    const auto error =
        error_of([&] { x->publish(connection, thread_of("x-dup-2", {"Påminnelse: deklarera senast 2 maj."})).get(); });
    CHECK(error.kind() == FailureKind::rejected);
    CHECK_THAT(error.reason(), Catch::Contains("same text"));
  }
  SECTION("an image X refuses") {
    auto publication = thread_of("x-bad-image", {"Se bilden"});
    publication.parts[0].media.push_back({"this is not an image", "image/png", "trasig.png", "En bild"});
    const auto error = error_of([&] { x->publish(connection, publication).get(); });
    CHECK(error.kind() == FailureKind::rejected);
    CHECK_THAT(error.reason(), Catch::Contains("trasig.png"));
    CHECK(texts_of(network.state(), director_id).empty());
  }
  SECTION("malformed JSON where nothing changes is worth a retry") {
    network.fault("malformed_json", "GET", "/2/users/me");
    CHECK(error_of([&] { x->verify(connection).get(); }).kind() == FailureKind::transient);
  }
  SECTION("ids that are not X's never reach a request's path") {
    CHECK(error_of([&] { x->remove(connection, "1/../../2/users/me").get(); }).kind() == FailureKind::rejected);
    CHECK(error_of([&] {
            x->moderate(connection, {plugin::ModerationAction::hide, "12?x=1", "", ""}).get();
          }).kind() == FailureKind::rejected);
    workspace.override_setting("x", "oauth_url", "https://tokens.example.org");
    const auto error = error_of([&] { x->refresh(connection).get(); });
    CHECK(error.kind() == FailureKind::rejected);
    CHECK_THAT(error.reason(), Catch::Contains("not X's"));
  }
  SECTION("a deleted post: gone from the figures, and deleting it again is done") {
    const auto published = x->publish(connection, thread_of("x-del", {"Ett inlägg som tas bort."})).get();
    x->remove(connection, published.network_id).get();
    const auto figures = x->post_metrics(connection, {published.network_id}).get();
    REQUIRE(figures.size() == 1);
    CHECK_FALSE(figures[0].exists);
    x->remove(connection, published.network_id).get();
  }
}

TEST_CASE_METHOD(XFixture, "mentions and replies reach the inbox, and a reply can be hidden") {
  const auto post = x->publish(connection, thread_of("x-inbox", {"Har du frågor om föräldrapenning?"})).get();
  const auto reply_id = network.post("anna_reporter", "@kanal_director Hur många har sökt i år?", post.network_id);
  network.create_user("troll_account", "Troll", 3);
  const auto abusive_id = network.post("troll_account", "@kanal_director ni är idioter allihop", post.network_id);
  const auto mention_id = network.post("anna_reporter", "Intervju med @kanal_director i morgon.");

  const auto page = x->fetch_interactions(connection, "").get();
  REQUIRE(page.items.size() == 3);
  CHECK(page.items[0].network_id == reply_id);  // oldest first
  CHECK(page.items[0].kind == plugin::InteractionKind::reply);
  CHECK(page.items[0].author.handle == "@anna_reporter");
  CHECK(page.items[0].in_reply_to_id == post.network_id);
  CHECK(page.items[2].network_id == mention_id);
  CHECK(page.items[2].kind == plugin::InteractionKind::mention);
  CHECK(x->fetch_interactions(connection, page.next_cursor).get().items.empty());

  const auto thread = x->fetch_thread(connection, reply_id).get();
  REQUIRE(thread.ancestors.size() == 1);
  CHECK(thread.ancestors[0].network_id == post.network_id);
  const auto around_post = x->fetch_thread(connection, post.network_id).get();
  CHECK(around_post.descendants.size() == 2);

  // An answer from Kanal goes out as a reply.
  plugin::ReplyRequest answer{reply_id, "@anna_reporter", "@anna_reporter Drygt 40 000 hittills.", {}, "sv",
                              false,    "x-answer-1"};
  const auto answered = x->reply(connection, answer).get();
  const auto after_answer = network.state();
  const auto* sent = tweet_in(after_answer, answered.network_id);
  REQUIRE(sent != nullptr);
  CHECK_THAT(json::written([&](json::JsonWriter& w) { sent->Accept(w); }), Catch::Contains(reply_id));

  x->moderate(connection, {plugin::ModerationAction::hide, abusive_id, "", ""}).get();
  CHECK((*tweet_in(network.state(), abusive_id))["hidden"].GetBool());
  x->moderate(connection, {plugin::ModerationAction::unhide, abusive_id, "", ""}).get();
  CHECK_FALSE((*tweet_in(network.state(), abusive_id))["hidden"].GetBool());
  x->moderate(connection,
              {plugin::ModerationAction::mute_author, abusive_id, page.items[1].author.network_account_id, ""})
      .get();
  CHECK_THAT(json::written([&](json::JsonWriter& w) { network.state()["mutes"].Accept(w); }),
             Catch::Contains(page.items[1].author.network_account_id));
  const auto block = error_of([&] {
    x->moderate(connection, {plugin::ModerationAction::block_author, abusive_id, "1", ""}).get();
  });
  CHECK(block.kind() == FailureKind::rejected);
  CHECK_THAT(block.reason(), Catch::Contains("block"));

  SECTION("hiding a reply in someone else's conversation is refused in X's words") {
    const auto elsewhere = network.post("anna_reporter", "Vad tycker ni?");
    const auto under_it = network.post("troll_account", "@anna_reporter dumt", elsewhere);
    CHECK(error_of([&] {
            x->moderate(connection, {plugin::ModerationAction::hide, under_it, "", ""}).get();
          }).kind() == FailureKind::rejected);
  }
}

TEST_CASE_METHOD(XFixture, "figures: followers and per-post counts, impressions where the tier gives them") {
  const auto post = x->publish(connection, thread_of("x-figures", {"Statistik om sjukpenning 2026."})).get();
  network.set_metrics(post.network_id, R"({"like_count":12,"retweet_count":3,"quote_count":1,"impression_count":950})");
  network.post("anna_reporter", "@kanal_director Tack!", post.network_id);
  const auto figures = x->post_metrics(connection, {post.network_id}).get();
  REQUIRE(figures.size() == 1);
  CHECK(figures[0].exists);
  CHECK(figures[0].likes == 12);
  CHECK(figures[0].shares == 3);
  CHECK(figures[0].quotes == 1);
  CHECK(figures[0].replies == 1);
  CHECK(figures[0].impressions == 950);
  CHECK(x->account_metrics(connection).get().followers == 1200);

  SECTION("a tier without impressions: not available, never 0") {
    // Straight to the fake: the description requires impression_count, so Prism refuses such an answer.
    workspace.override_setting("x", "url", network.fake_url());
    network.fault("withhold_impressions", "GET", "/2/tweets");
    const auto withheld = x->post_metrics(connection, {post.network_id}).get();
    REQUIRE(withheld.size() == 1);
    CHECK(withheld[0].likes == 12);
    CHECK_FALSE(withheld[0].impressions.has_value());
  }
}
