// The Facebook and Instagram plugins, loaded as kanald loads them, against
// the suite's Graph API: a fake that checks every request against Meta's own
// spec files (tests/specs/facebook) — so a call that goes through was a
// valid one. One Facebook Login offering two pages and an Instagram account;
// posts with photos and alt text, a carousel through Instagram's containers,
// each made exactly once although Graph has no idempotency key; comments
// arriving, a hateful one hidden and a furious complaint kept, answers;
// figures — and what goes wrong: a token expiring mid-publish, throttling
// with the usage headers at 100 %, a missing permission, a policy block, an
// invalid parameter, an image refused, a container that never finishes, the
// publishing limit, malformed JSON, a lost answer, a comment deleted before
// it is hidden.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/json.h"
#include "networks/plugin_registry.h"
#include "support/fake_state.h"
#include "support/images.h"
#include "support/meta_network.h"

using namespace kanal;
using test::by_id;
using test::flag;
using test::live;
using test::text_at;
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

plugin::Publication post_of(std::string key, std::string text, std::vector<plugin::Media> media = {}) {
  plugin::Publication publication;
  publication.idempotency_key = std::move(key);
  publication.language = "sv";
  publication.parts.push_back({std::move(text), std::move(media), {}});
  return publication;
}

plugin::Media jpeg(const std::string& name, const std::string& alt) {
  return {test::tiny_jpeg(), "image/jpeg", name, alt};
}

const plugin::Interaction* by_text(const std::vector<plugin::Interaction>& items, const std::string& text) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.text == text; });
  return it == items.end() ? nullptr : &*it;
}

struct MetaFixture {
  test::MetaNetwork network{KANAL_TEST_META_DIR};
  net::HttpEngine http;
  AdjustableClock clock;  // the plugins' clock: a test may let a minute pass
  networks::PluginWorkspace workspace;
  networks::PluginRegistry registry{http, clock, Poco::Logger::get("meta-test"), &workspace};
  plugin::Network* facebook = nullptr;
  plugin::Network* instagram = nullptr;
  plugin::SignedIn signed_in;
  plugin::Connection agency;    // the page with Instagram
  plugin::Connection regional;  // the page without
  plugin::Connection insta;

  MetaFixture() {
    // As an admin gives them, once, in Facebook's settings: Instagram reads them there.
    workspace.override_setting("facebook", "app_id", test::MetaNetwork::kAppId);
    workspace.override_setting("facebook", "app_secret", test::MetaNetwork::kAppSecret);
    workspace.override_setting("facebook", "graph_url", network.graph_url());
    workspace.override_setting("facebook", "web_url", network.graph_url());
    REQUIRE(registry.load(KANAL_PLUGIN_DIR "/facebook.so"));
    REQUIRE(registry.load(KANAL_PLUGIN_DIR "/instagram.so"));
    facebook = registry.find("facebook");
    instagram = registry.find("instagram");
    REQUIRE(facebook != nullptr);
    REQUIRE(instagram != nullptr);
    signed_in = sign_in(*facebook);
    for (const auto& offer : signed_in.accounts) {
      if (offer.network == "instagram") {
        insta = offer.connection;
      } else if (offer.profile.display_name == "Kanal Test Agency") {
        agency = offer.connection;
      } else if (offer.profile.display_name == "Kanal Regional Office") {
        regional = offer.connection;
      }
    }
    REQUIRE(!agency.account_id.empty());
    REQUIRE(!insta.account_id.empty());
  }

  plugin::SignedIn sign_in(plugin::Network& plugin) {
    const auto redirect = std::string("http://127.0.0.1:9/callback");
    const auto authorization = plugin.begin_authorization("", redirect).get();
    const auto back = network.consent(authorization.authorize_url);
    REQUIRE(back.rfind(redirect, 0) == 0);
    REQUIRE_THAT(back, Catch::Contains("state=" + authorization.state));
    const auto at = back.find("code=") + 5;
    const auto code = back.substr(at, back.find_first_of("&#", at) - at);
    return plugin.complete_authorization("", authorization, code).get();
  }
};

}  // namespace

TEST_CASE_METHOD(MetaFixture, "one Facebook Login offers the pages and their Instagram account, each its own") {
  const auto authorization = facebook->begin_authorization("", "http://127.0.0.1:9/callback").get();
  CHECK_THAT(authorization.authorize_url, Catch::Contains("code_challenge_method=S256"));
  CHECK_THAT(authorization.authorize_url, Catch::Contains("pages_manage_engagement"));
  CHECK_THAT(authorization.authorize_url, !Catch::Contains("pages_messaging"));

  REQUIRE(signed_in.accounts.size() == 3);
  for (const auto& offer : signed_in.accounts) {
    CHECK(offer.connection.credentials.grant == signed_in.accounts.front().connection.credentials.grant);
    CHECK_FALSE(offer.connection.credentials.expires_at);  // page tokens from a long-lived login do not expire
  }
  const auto page = facebook->verify(agency).get();
  CHECK(page.display_name == "Kanal Test Agency");
  CHECK(page.followers == 52000);
  const auto account = instagram->verify(insta).get();
  CHECK(account.handle == "@kanaltestagency");
  CHECK(account.followers == 8300);
  CHECK(instagram->descriptor().settings_of == "facebook");

  SECTION("the Instagram plugin's own sign-in offers the same") { CHECK(sign_in(*instagram).accounts.size() == 3); }
  SECTION("without the workspace's Meta app, sign-in says what an admin must do") {
    workspace.override_setting("facebook", "app_secret", "");
    const auto error = error_of([&] { facebook->begin_authorization("", "http://127.0.0.1:9/callback").get(); });
    CHECK(error.kind() == FailureKind::rejected);
    CHECK_THAT(error.reason(), Catch::Contains("app id and secret"));
  }
  SECTION("a token without the app's proof is refused: every call carries appsecret_proof") {
    workspace.override_setting("facebook", "app_secret", "not-the-secret");
    CHECK(error_of([&] { facebook->verify(agency).get(); }).kind() == FailureKind::rejected);
  }
  SECTION("disconnecting withdraws the app's permissions at Meta") {
    facebook->sign_out(regional).get();
    CHECK(error_of([&] { facebook->verify(agency).get(); }).kind() == FailureKind::auth_expired);
    CHECK(error_of([&] { instagram->verify(insta).get(); }).kind() == FailureKind::auth_expired);
  }
}

TEST_CASE_METHOD(MetaFixture, "a post with two photos and alt text goes to the page and to Instagram, once each") {
  const std::vector<plugin::Media> photos{jpeg("kalender.jpg", "Kalender med den 20:e inringad"),
                                          jpeg("kontor.jpg", "Vårt kontor i Gävle")};
  const auto text = std::string("Barnbidraget betalas ut den 20:e. Frågor? Ring 0771-524 524.");

  const auto on_facebook = facebook->publish(agency, post_of("meta-post-1-fb", text, photos)).get();
  const auto again = facebook->publish(agency, post_of("meta-post-1-fb", text, photos)).get();
  CHECK(again.network_id == on_facebook.network_id);
  auto state = network.state();
  REQUIRE(live(state, "posts", "message", text).size() == 1);
  const auto* post = by_id(state, "posts", on_facebook.network_id);
  REQUIRE(post != nullptr);
  std::vector<std::string> alts;
  for (const auto& photo : state["photos"].GetArray()) {
    if (text_at(photo, "attached_to") == on_facebook.network_id) alts.push_back(text_at(photo, "alt_text_custom"));
  }
  std::sort(alts.begin(), alts.end());
  CHECK(alts == std::vector<std::string>{"Kalender med den 20:e inringad", "Vårt kontor i Gävle"});

  const auto on_instagram = instagram->publish(insta, post_of("meta-post-1-ig", text, photos)).get();
  CHECK(instagram->publish(insta, post_of("meta-post-1-ig", text, photos)).get().network_id == on_instagram.network_id);
  CHECK_THAT(on_instagram.url, Catch::StartsWith("http"));
  state = network.state();
  REQUIRE(live(state, "media", "caption", text).size() == 1);
  // The photos that carried the images to Instagram are gone from the page again.
  for (const auto& photo : state["photos"].GetArray()) {
    if (text_at(photo, "attached_to").empty()) CHECK(flag(photo, "deleted"));
  }

  SECTION("a text post with a link gives the link as the post's card") {
    auto publication = post_of("meta-link", "Läs mer på forsakringskassan.se/barnbidrag");
    publication.parts[0].entities.push_back({plugin::TextEntity::link, 15, 46, "forsakringskassan.se/barnbidrag"});
    const auto made = facebook->publish(agency, publication).get();
    CHECK(text_at(*by_id(network.state(), "posts", made.network_id), "link") ==
          "https://forsakringskassan.se/barnbidrag");
  }
  SECTION("Instagram takes no post without a photo, and no thread anywhere") {
    CHECK(error_of([&] { instagram->publish(insta, post_of("meta-no-photo", "Bara text")).get(); }).kind() ==
          FailureKind::rejected);
    auto thread = post_of("meta-thread", "1/2");
    thread.parts.push_back({"2/2", {}, {}});
    CHECK(error_of([&] { facebook->publish(agency, thread).get(); }).kind() == FailureKind::rejected);
  }
  SECTION("deleting the post, and deleting it again, both end with it gone") {
    facebook->remove(agency, on_facebook.network_id).get();
    facebook->remove(agency, on_facebook.network_id).get();
    instagram->remove(insta, on_instagram.network_id).get();
    const auto figures = facebook->post_metrics(agency, {on_facebook.network_id}).get();
    CHECK_FALSE(figures.front().exists);
  }
}

TEST_CASE_METHOD(MetaFixture, "after a lost answer or a crash the post is looked for, never made twice") {
  const auto text = std::string("Vi har öppet som vanligt under helgerna.");
  SECTION("Facebook made the post, the answer was lost") {
    network.fault("lose_answer", "POST", "/" + agency.account_id + "/feed");
    CHECK(error_of([&] { facebook->publish(agency, post_of("meta-lost-fb", text)).get(); }).kind() ==
          FailureKind::unknown_outcome);
    const auto found = facebook->publish(agency, post_of("meta-lost-fb", text)).get();
    const auto state = network.state();
    REQUIRE(live(state, "posts", "message", text).size() == 1);
    CHECK(found.network_id == text_at(*live(state, "posts", "message", text).front(), "id"));
  }
  SECTION("the answer was malformed: it was made, and found") {
    network.fault("malformed_json", "POST", "/" + agency.account_id + "/feed");
    CHECK(error_of([&] { facebook->publish(agency, post_of("meta-malformed", text)).get(); }).kind() ==
          FailureKind::unknown_outcome);
    facebook->publish(agency, post_of("meta-malformed", text)).get();
    CHECK(live(network.state(), "posts", "message", text).size() == 1);
  }
  SECTION("Meta failed before making it: looked for, waited a minute for it to be listed, then sent once") {
    network.fault("server_error", "POST", "/" + agency.account_id + "/feed");
    CHECK(error_of([&] { facebook->publish(agency, post_of("meta-5xx", text)).get(); }).kind() ==
          FailureKind::unknown_outcome);
    const auto waiting = error_of([&] { facebook->publish(agency, post_of("meta-5xx", text)).get(); });
    CHECK(waiting.kind() == FailureKind::unknown_outcome);
    REQUIRE(waiting.reset_at());
    CHECK(live(network.state(), "posts", "message", text).empty());
    clock.advance(2min);
    facebook->publish(agency, post_of("meta-5xx", text)).get();
    CHECK(live(network.state(), "posts", "message", text).size() == 1);
  }
  SECTION("Instagram published the container, the answer was lost") {
    network.fault("lose_answer", "POST", "/" + insta.account_id + "/media_publish");
    const std::vector<plugin::Media> photo{jpeg("helg.jpg", "Skylt: öppet")};
    CHECK(error_of([&] { instagram->publish(insta, post_of("meta-lost-ig", text, photo)).get(); }).kind() ==
          FailureKind::unknown_outcome);
    instagram->publish(insta, post_of("meta-lost-ig", text, photo)).get();
    CHECK(live(network.state(), "media", "caption", text).size() == 1);
  }
}

TEST_CASE_METHOD(MetaFixture, "comments arrive: the hateful one is hidden on the network, the critical one stays") {
  const auto post =
      facebook->publish(agency, post_of("meta-inbox", "Nya regler för bostadsbidrag från januari.")).get();
  const auto media = instagram
                         ->publish(insta, post_of("meta-inbox-ig", "Nya regler för bostadsbidrag från januari.",
                                                  {jpeg("regler.jpg", "Faktaruta om bostadsbidrag")}))
                         .get();
  const auto furious = std::string("Det här är helt orimligt, ni borde skämmas över hur ni behandlar folk!");
  const auto hateful = std::string("Ni och era invandrare borde skjutas allihop");
  const auto furious_id = network.comment("Anna Andersson", post.network_id, furious);
  const auto hateful_id = network.comment("Lars Berg", post.network_id, hateful);
  const auto question = network.comment("Anna Andersson", furious_id, "När kommer beslutet?");
  network.visitor_post("Lars Berg", "Kanal Test Agency", "Hur ansöker jag om bostadsbidrag?");
  network.tag("Anna Andersson", "Kanal Test Agency", "Bra info från Kanal Test Agency idag");
  const auto ig_hateful = network.instagram_comment("troll_account", media.network_id, hateful);
  network.instagram_comment("mamma_lisa", media.network_id, furious);

  const auto page = facebook->fetch_interactions(agency, "").get();
  CHECK(page.unreadable.empty());
  const auto* got = by_text(page.items, hateful);
  REQUIRE(got != nullptr);
  CHECK(got->author.display_name == "Lars Berg");
  CHECK(got->in_reply_to_id == post.network_id);
  REQUIRE(by_text(page.items, "När kommer beslutet?") != nullptr);
  CHECK(by_text(page.items, "När kommer beslutet?")->in_reply_to_id == furious_id);
  CHECK(by_text(page.items, "Hur ansöker jag om bostadsbidrag?") != nullptr);
  CHECK(by_text(page.items, "Bra info från Kanal Test Agency idag") != nullptr);
  CHECK(std::is_sorted(page.items.begin(), page.items.end(),
                       [](const auto& a, const auto& b) { return a.created_at < b.created_at; }));
  CHECK_FALSE(page.next_cursor.empty());
  // What came before the cursor does not come again, beyond the minute Meta may list late.
  clock.advance(5min);
  network.comment("Anna Andersson", post.network_id, "Tack för svaret.");
  const auto next = facebook->fetch_interactions(agency, page.next_cursor).get();
  CHECK(by_text(next.items, "Tack för svaret.") != nullptr);

  facebook->moderate(agency, {plugin::ModerationAction::hide, hateful_id, "", ""}).get();
  instagram->moderate(insta, {plugin::ModerationAction::hide, ig_hateful, "", ""}).get();
  auto state = network.state();
  CHECK(flag(*by_id(state, "comments", hateful_id), "is_hidden"));
  CHECK_FALSE(flag(*by_id(state, "comments", furious_id), "is_hidden"));
  CHECK(flag(*by_id(state, "ig_comments", ig_hateful), "hidden"));
  const auto ig_page = instagram->fetch_interactions(insta, "").get();
  REQUIRE(by_text(ig_page.items, hateful) != nullptr);
  CHECK(by_text(ig_page.items, hateful)->hidden);
  CHECK(by_text(ig_page.items, hateful)->author.handle == "@troll_account");
  CHECK_FALSE(by_text(ig_page.items, furious)->hidden);

  SECTION("shown again") {
    facebook->moderate(agency, {plugin::ModerationAction::unhide, hateful_id, "", ""}).get();
    CHECK_FALSE(flag(*by_id(network.state(), "comments", hateful_id), "is_hidden"));
  }
  SECTION("an answer as the page, once although the answer was lost") {
    network.fault("lose_answer", "POST", "/" + question + "/comments");
    plugin::ReplyRequest answer{question, "", "Beslutet kommer inom fyra veckor.", {}, "sv", false, "meta-answer"};
    CHECK(error_of([&] { facebook->reply(agency, answer).get(); }).kind() == FailureKind::unknown_outcome);
    facebook->reply(agency, answer).get();
    CHECK(live(network.state(), "comments", "message", "Beslutet kommer inom fyra veckor.").size() == 1);
    const auto thread = facebook->fetch_thread(agency, question).get();
    REQUIRE(thread.ancestors.size() == 2);  // the post, then the comment the question answers
    CHECK(thread.ancestors[0].network_id == post.network_id);
    CHECK(thread.ancestors[1].network_id == furious_id);
  }
  SECTION("an answer on Instagram") {
    plugin::ReplyRequest answer{ig_hateful, "", "Vi tar bort hot.", {}, "sv", false, "meta-ig-answer"};
    const auto made = instagram->reply(insta, answer).get();
    CHECK(instagram->reply(insta, answer).get().network_id == made.network_id);
  }
  SECTION("deleting is a person's choice; a comment deleted before it is hidden ends in a clear refusal") {
    const auto gone = network.comment("Lars Berg", post.network_id, "Raderas snart");
    facebook->moderate(agency, {plugin::ModerationAction::delete_comment, gone, "", ""}).get();
    facebook->moderate(agency, {plugin::ModerationAction::delete_comment, gone, "", ""}).get();  // gone: done
    CHECK(flag(*by_id(network.state(), "comments", gone), "deleted"));
    const auto error = error_of([&] {
      facebook->moderate(agency, {plugin::ModerationAction::hide, gone, "", ""}).get();
    });
    CHECK(error.kind() == FailureKind::rejected);
    CHECK_THAT(error.reason(), Catch::Contains("deleted"));
    instagram->moderate(insta, {plugin::ModerationAction::delete_comment, ig_hateful, "", ""}).get();
    CHECK(flag(*by_id(network.state(), "ig_comments", ig_hateful), "deleted"));
  }
  SECTION("Instagram offers no muting, blocking or reporting") {
    CHECK(error_of([&] {
            instagram->moderate(insta, {plugin::ModerationAction::block_author, ig_hateful, "1", ""}).get();
          }).kind() == FailureKind::rejected);
  }
}

TEST_CASE_METHOD(MetaFixture, "figures where Meta gives them, the rest not available") {
  const auto post = facebook->publish(agency, post_of("meta-figures", "Öppet hus på lördag.")).get();
  const auto media =
      instagram->publish(insta, post_of("meta-figures-ig", "Öppet hus på lördag.", {jpeg("hus.jpg", "Vårt hus")}))
          .get();
  network.set_post_metrics(post.network_id, R"({"reactions":41,"shares":7,"impressions":5200})");
  network.set_post_metrics(media.network_id, R"({"likes":120,"views":3100,"shares":4})");
  network.comment("Anna Andersson", post.network_id, "Kul!");

  const auto page_figures = facebook->account_metrics(agency).get();
  CHECK(page_figures.followers == 52000);
  CHECK_FALSE(page_figures.following);
  const auto figures = facebook->post_metrics(agency, {post.network_id}).get();
  REQUIRE(figures.size() == 1);
  CHECK(figures[0].likes == 41);
  CHECK(figures[0].shares == 7);
  CHECK(figures[0].replies == 1);
  CHECK(figures[0].impressions == 5200);
  CHECK_FALSE(figures[0].quotes);

  CHECK(instagram->account_metrics(insta).get().followers == 8300);
  const auto ig = instagram->post_metrics(insta, {media.network_id}).get();
  CHECK(ig[0].likes == 120);
  CHECK(ig[0].impressions == 3100);
  CHECK(ig[0].shares == 4);
}

TEST_CASE_METHOD(MetaFixture, "what goes wrong ends in a clear message and the right state") {
  const auto page_feed = "/" + agency.account_id + "/feed";
  SECTION("a token that expires mid-publish asks for reconnection, and nothing is posted") {
    network.fault("token_expired", "POST", page_feed);
    const auto error = error_of([&] { facebook->publish(agency, post_of("meta-190", "Hej")).get(); });
    CHECK(error.kind() == FailureKind::auth_expired);
    CHECK_THAT(error.reason(), Catch::Contains("connect the account again"));
    CHECK(live(network.state(), "posts", "message", "Hej").empty());
  }
  SECTION("throttling with the usage at 100 % holds this and the next calls until Meta's time") {
    network.fault("throttle", "POST", page_feed, 1, 600, 32);
    const auto error = error_of([&] { facebook->publish(agency, post_of("meta-throttle", "Hej")).get(); });
    CHECK(error.kind() == FailureKind::rate_limited);
    REQUIRE(error.reset_at());
    CHECK(*error.reset_at() >= clock.now() + 9min);
    const auto before = network.requests("GET", "*");
    CHECK(error_of([&] { facebook->account_metrics(agency).get(); }).kind() == FailureKind::rate_limited);
    CHECK(network.requests("GET", "*") == before);  // held here, not sent to be refused
    clock.advance(11min);
    CHECK(facebook->account_metrics(agency).get().followers == 52000);
  }
  SECTION("usage near the budget holds calls before Meta refuses") {
    network.set_config(R"({"app_usage":{"call_count":97,"total_cputime":10,"total_time":10}})");
    facebook->account_metrics(agency).get();
    const auto error = error_of([&] { facebook->account_metrics(agency).get(); });
    CHECK(error.kind() == FailureKind::rate_limited);
    CHECK_THAT(error.reason(), Catch::Contains("97 %"));
  }
  SECTION("a missing permission asks to reconnect granting it; a policy block and an invalid parameter fail") {
    network.fault("permission", "POST", page_feed);
    CHECK(error_of([&] { facebook->publish(agency, post_of("meta-200", "Hej")).get(); }).kind() ==
          FailureKind::auth_expired);
    network.fault("policy_block", "POST", page_feed);
    const auto blocked = error_of([&] { facebook->publish(agency, post_of("meta-368", "Hej")).get(); });
    CHECK(blocked.kind() == FailureKind::rejected);
    CHECK_THAT(blocked.reason(), Catch::Contains("deemed abusive"));
    network.fault("invalid_parameter", "POST", page_feed);
    CHECK(error_of([&] { facebook->publish(agency, post_of("meta-100", "Hej")).get(); }).kind() ==
          FailureKind::rejected);
  }
  SECTION("an image Meta refuses fails the post with Meta's reason") {
    network.fault("image_refused", "POST", "/" + agency.account_id + "/photos");
    const auto error =
        error_of([&] { facebook->publish(agency, post_of("meta-324", "Bild", {jpeg("trasig.jpg", "Trasig")})).get(); });
    CHECK(error.kind() == FailureKind::rejected);
    CHECK_THAT(error.reason(), Catch::Contains("324"));
  }
  SECTION("a container that ends in error fails; one that never finishes is tried again later") {
    network.fault("container_error", "POST", "/" + insta.account_id + "/media");
    CHECK(error_of([&] {
            instagram->publish(insta, post_of("meta-container-error", "Bild", {jpeg("a.jpg", "A")})).get();
          }).kind() == FailureKind::rejected);
    network.fault("container_stuck", "POST", "/" + insta.account_id + "/media");
    const auto stuck = error_of(
        [&] { instagram->publish(insta, post_of("meta-container-stuck", "Bild", {jpeg("b.jpg", "B")})).get(); });
    CHECK(stuck.kind() == FailureKind::transient);
    CHECK_THAT(stuck.reason(), Catch::Contains("still processing"));
    CHECK(live(network.state(), "media", "caption", "Bild").empty());
  }
  SECTION("Instagram's publishing limit holds the post and says so") {
    network.fault("publishing_limit", "", "", -1);
    const auto error =
        error_of([&] { instagram->publish(insta, post_of("meta-limit", "Bild", {jpeg("c.jpg", "C")})).get(); });
    CHECK(error.kind() == FailureKind::rate_limited);
    CHECK_THAT(error.reason(), Catch::Contains("posts per 24 hours"));
  }
  SECTION("a malformed answer to a read is retried, never taken for an empty inbox") {
    network.fault("malformed_json", "GET", "/" + agency.account_id + "/feed");
    CHECK(error_of([&] { facebook->fetch_interactions(agency, "").get(); }).kind() == FailureKind::transient);
    CHECK(error_of([&] { facebook->fetch_interactions(agency, "yesterday").get(); }).kind() == FailureKind::rejected);
  }
}
