// Bluesky through kanald, end to end, on a real PLC, PDS and AppView
// (@atproto/dev-env on 127.0.0.1): kanalctl connects the agency's account
// with an app password, a thread with an image and its alt text is
// published and seen in the AppView, a citizen's reply arrives in the inbox
// and is hidden with the threadgate, and its likes reach the figures.
#include <catch2/catch.hpp>

#include "api/client/api_client.h"
#include "core/error.h"
#include "support/bluesky_network.h"
#include "support/child_process.h"
#include "support/connect_account.h"
#include "support/errors.h"
#include "support/eventually.h"
#include "support/images.h"
#include "support/kanald_process.h"

using namespace kanal;
using test::kanalctl;
using namespace std::chrono_literals;

namespace {

std::size_t posts_in_feed(const test::BlueskyNetwork& network, const test::BlueskyPerson& who) {
  return network.query(who, "app.bsky.feed.getAuthorFeed", "actor=" + who.did)["feed"].Size();
}

}  // namespace

TEST_CASE("Bluesky through kanald: connect with an app password, publish a thread, hide a reply, read the likes") {
  test::BlueskyNetwork network(KANAL_TEST_BLUESKY_DIR);
  const auto agency = network.create_person("agency");
  const auto bob = network.create_person("bob");
  test::KanaldProcess kanald({"--network-url", "bluesky=" + network.pds_url(), "--network-url",
                              "bluesky.plc_url=" + network.plc_url(), "--test-clock", "--inbox-sync-s", "3600"});
  client::ApiClient api(kanald.endpoint());

  // kanalctl, without a browser: the app password on standard input.
  const auto wrong = kanalctl(
      kanald, {"account", "connect", "--network", "bluesky", "--handle", agency.handle, "--app-password-stdin"},
      "not-the-app-password\n");
  CHECK(wrong.exit_code == 1);
  CHECK_THAT(wrong.out, Catch::Contains("not connected") && Catch::Contains("Invalid identifier or password"));
  const auto connected = kanalctl(
      kanald, {"account", "connect", "--network", "bluesky", "--handle", "@" + agency.handle, "--app-password-stdin"},
      agency.app_password + "\n");
  REQUIRE(connected.exit_code == 0);
  CHECK_THAT(connected.out, Catch::Contains("Connected @" + agency.handle));
  CHECK_THAT(kanalctl(kanald, {"account", "list"}).out, Catch::Contains("Bluesky  @" + agency.handle));
  const auto account = api.accounts().get().at(0);
  CHECK(account.network == "bluesky");
  CHECK(account.max_characters == 300);

  // A thread of three with an image and its alt text.
  const auto image = api.upload_media(test::tiny_png(), "karta.png").get();
  wire::CreatePostRequest draft;
  draft.text = "1/3 Nu kan du ansöka om bostadsbidrag i appen. Läs mer: kanal.se/bidrag #bostadsbidrag";
  draft.media = {{image.id, "Skärmbild av ansökan i appen"}};
  draft.thread = {{"2/3 Du behöver BankID.", {}}, {"3/3 Frågor? Svara här.", {}}};
  draft.language = "sv";
  const auto post = api.create_post(draft).get();
  api.publish(post.id, {{account.id}}).get();
  const auto deliveries = test::wait_until_settled(api, post.id, 60s);
  REQUIRE(deliveries.at(0).state == "published");
  CHECK_THAT(deliveries[0].url, Catch::Contains("/profile/" + agency.handle + "/post/"));
  REQUIRE(test::eventually([&] { return posts_in_feed(network, agency) == 3; }, 20s));
  const auto feed = network.query(agency, "app.bsky.feed.getAuthorFeed", "actor=" + agency.did);
  std::string head_uri, head_cid;
  for (const auto& item : feed["feed"].GetArray()) {
    const auto& record = item["post"]["record"];
    if (record.HasMember("reply")) continue;
    head_uri = item["post"]["uri"].GetString();
    head_cid = item["post"]["cid"].GetString();
    CHECK(std::string(item["post"]["embed"]["images"][0]["alt"].GetString()) == "Skärmbild av ansökan i appen");
    CHECK(std::string(record["facets"][0]["features"][0]["uri"].GetString()) == "https://kanal.se/bidrag");
    CHECK(std::string(record["facets"][1]["features"][0]["tag"].GetString()) == "bostadsbidrag");
  }
  REQUIRE_FALSE(head_uri.empty());

  // A 301-grapheme post is refused before anything is sent, with the count.
  const auto too_long = api.create_post({std::string(301, 'a'), {}}).get();
  try {
    api.publish(too_long.id, {{account.id}}).get();
    FAIL("published");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.detail(), Catch::Contains("301/300 graphemes: too long for Bluesky"));
  }

  // Bob answers; the inbox gets it, and a person hides it.
  network.post(bob, "Ni svarar aldrig i telefon, det är skandal!", head_uri, head_cid);
  wire::InboxFilter all;
  all.account = account.id;
  REQUIRE(test::eventually(
      [&] {
        api.sync_inbox(account.id).get();
        return !api.inbox(all).get().items.empty();
      },
      30s));
  const auto item = api.inbox(all).get().items.at(0);
  CHECK(item.author_handle == "@" + bob.handle);
  CHECK(item.post == post.id);          // linked to the agency's post it answers
  CHECK(item.visibility == "visible");  // criticism stays
  const auto hidden = api.moderate(item.id, "hide").get();
  CHECK(hidden.visibility == "hidden");
  CHECK(hidden.network_note == "hidden on Bluesky");
  const auto rkey = head_uri.substr(head_uri.rfind('/') + 1);
  const auto gate = network.query({}, "com.atproto.repo.getRecord",
                                  "repo=" + agency.did + "&collection=app.bsky.feed.threadgate&rkey=" + rkey);
  CHECK(std::string(gate["value"]["hiddenReplies"][0].GetString()) == item.network_id);

  // Bob likes the post; an hour after publishing kanald reads its figures.
  network.like(bob, head_uri, head_cid);
  REQUIRE(test::eventually(
      [&] {
        return network.query(agency, "app.bsky.feed.getPosts", "uris=" + head_uri)["posts"][0]["likeCount"].GetInt() ==
               1;
      },
      20s));
  api.set_test_clock(SystemClock{}.now() + 1h + 5s).get();
  api.collect_metrics().get();
  const auto figures = api.post_figures(post.id).get();
  REQUIRE(figures.size() == 1);
  CHECK(figures[0].likes == 1);
  CHECK(figures[0].replies == 2);  // part 2 and Bob's reply answer it (part 3 answers part 2)
  CHECK_FALSE(figures[0].impressions);
}
