// The Bluesky plugin against a real PDS and AppView (@atproto/dev-env on
// 127.0.0.1): signing in with an app password, threads with images and alt
// text written exactly once, replies in the inbox, hiding them with the
// threadgate, figures — and what goes wrong: a wrong password, a handle that
// does not resolve, the PDS gone mid-thread, an expired session, a post
// deleted on the network.
#include <catch2/catch.hpp>

#include "bluesky_fixture.h"
#include "bluesky_session.h"
#include "core/json.h"
#include "support/eventually.h"
#include "support/fault_proxy.h"

using namespace kanal;
using namespace std::chrono_literals;
using plugin::FailureKind;

namespace {

std::string png_of(int width, int height) {
  // A real 1×1 PNG would do for the PDS; the header's shape is what Kanal reads.
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  for (int value : {width, height}) {
    for (int shift = 24; shift >= 0; shift -= 8) png += static_cast<char>((value >> shift) & 0xFF);
  }
  png += std::string("\x08\x06\0\0\0", 5) + std::string(4, '\0');  // depth, colour type; CRC (unchecked)
  png += std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
  return png;
}

FailureKind failure_of(auto&& call) {
  try {
    call();
  } catch (const plugin::NetworkError& e) {
    return e.kind();
  }
  FAIL("no error");
  return FailureKind::transient;
}

plugin::Publication thread_of(std::string key, std::vector<std::string> texts) {
  plugin::Publication publication;
  publication.idempotency_key = std::move(key);
  publication.language = "sv";
  for (auto& text : texts) publication.parts.push_back({std::move(text), {}, {}});
  return publication;
}

// The agency's posts as the AppView lists them (getAuthorFeed), newest first.
std::vector<std::string> feed_texts(const test::BlueskyNetwork& network, const test::BlueskyPerson& who) {
  const auto feed = network.query(who, "app.bsky.feed.getAuthorFeed", "actor=" + who.did + "&limit=100");
  std::vector<std::string> texts;
  for (const auto& item : feed["feed"].GetArray()) texts.emplace_back(item["post"]["record"]["text"].GetString());
  return texts;
}

std::size_t records_in_repo(const test::BlueskyNetwork& network, const test::BlueskyPerson& who) {
  const auto listed =
      network.query({}, "com.atproto.repo.listRecords", "repo=" + who.did + "&collection=app.bsky.feed.post&limit=100");
  return listed["records"].Size();
}

}  // namespace

TEST_CASE_METHOD(test::BlueskyFixture, "sign-in with an app password finds the PDS from the handle") {
  CHECK(connection.server_url == network.pds_url());
  CHECK(connection.account_id == agency.did);
  CHECK(connection.credentials.renewable);
  CHECK(connection.credentials.expires_at.has_value());
  // The AppView indexes a new account a moment after the PDS made it.
  plugin::Profile profile;
  REQUIRE(test::eventually(
      [&] {
        try {
          profile = bluesky->verify(connection).get();
          return true;
        } catch (const plugin::NetworkError&) {
          return false;
        }
      },
      20s));
  CHECK(profile.handle == "@" + agency.handle);
  CHECK(profile.network_account_id == agency.did);
  // A PDS given by hand is used as it is.
  const auto by_hand = bluesky->sign_in({network.pds_url(), agency.handle, agency.app_password}).get();
  CHECK(by_hand.accounts.at(0).profile.network_account_id == agency.did);
}

TEST_CASE_METHOD(test::BlueskyFixture, "a wrong app password and a handle that does not resolve are refused in words") {
  try {
    bluesky->sign_in({"", agency.handle, "wrong-wrong-wrong-wrong"}).get();
    FAIL("signed in");
  } catch (const plugin::NetworkError& e) {
    CHECK_THAT(e.reason(), Catch::Contains("Invalid identifier or password"));
  }
  try {
    bluesky->sign_in({"", "nobody-here.test", "x"}).get();
    FAIL("signed in");
  } catch (const plugin::NetworkError& e) {
    CHECK(e.kind() == FailureKind::rejected);
    CHECK_THAT(e.reason(), Catch::Contains("nobody-here.test") && Catch::Contains("HandleNotFound"));
  }
  CHECK(failure_of([&] { bluesky->sign_in({"", "", "x"}).get(); }) == FailureKind::rejected);
}

TEST_CASE_METHOD(test::BlueskyFixture,
                 "a thread with an image, facets and alt text is published once, even when sent again") {
  auto publication =
      thread_of("thread-1", {"1/3 Barnbidraget betalas ut den 20:e. Läs mer: kanal.example/barn #bidrag @" + bob.handle,
                             "2/3 Ansök i appen.", "3/3 Frågor? Svara här."});
  publication.parts[0].media.push_back({png_of(800, 450), "image/png", "karta.png", "Karta över kontoret i Luleå"});
  const std::string& first = publication.parts[0].text;
  const auto link_start = first.find("kanal.example");
  const auto tag_start = first.find("#bidrag");
  const auto mention_start = first.find("@" + bob.handle);
  publication.parts[0].entities = {
      {plugin::TextEntity::link, link_start, link_start + std::string("kanal.example/barn").size(),
       "kanal.example/barn"},
      {plugin::TextEntity::hashtag, tag_start, tag_start + 7, "bidrag"},
      {plugin::TextEntity::mention, mention_start, mention_start + 1 + bob.handle.size(), bob.handle}};

  const auto published = bluesky->publish(connection, publication).get();
  REQUIRE(published.part_ids.size() == 3);
  CHECK(published.network_id == published.part_ids[0]);
  CHECK_THAT(published.url, Catch::StartsWith("https://bsky.app/profile/" + agency.handle + "/post/"));

  // Sent again with the same key (an answer lost): the same records, nothing new.
  const auto again = bluesky->publish(connection, publication).get();
  CHECK(again.part_ids == published.part_ids);
  CHECK(records_in_repo(network, agency) == 3);

  // The AppView shows the thread: the image with its alt text and shape, the facets, the replies' chain.
  REQUIRE(test::eventually([&] { return feed_texts(network, agency).size() == 3; }, 20s));
  const auto posts = network.query(agency, "app.bsky.feed.getPosts",
                                   "uris=" + published.part_ids[0] + "&uris=" + published.part_ids[2]);
  REQUIRE(posts["posts"].Size() == 2);
  const auto& head = posts["posts"][0];
  CHECK(std::string(head["embed"]["images"][0]["alt"].GetString()) == "Karta över kontoret i Luleå");
  CHECK(head["embed"]["images"][0]["aspectRatio"]["width"].GetInt() == 800);
  const auto& facets = head["record"]["facets"];
  REQUIRE(facets.Size() == 3);
  CHECK(std::string(facets[0]["features"][0]["uri"].GetString()) == "https://kanal.example/barn");
  CHECK(facets[0]["index"]["byteStart"].GetUint64() == link_start);
  CHECK(std::string(facets[2]["features"][0]["did"].GetString()) == bob.did);
  CHECK(std::string(head["record"]["langs"][0].GetString()) == "sv");
  const auto& last = posts["posts"][1]["record"]["reply"];
  CHECK(std::string(last["root"]["uri"].GetString()) == published.part_ids[0]);
  CHECK(std::string(last["parent"]["uri"].GetString()) == published.part_ids[1]);
}

TEST_CASE_METHOD(test::BlueskyFixture, "the PDS gone mid-thread: the resend goes on at the first part not written") {
  // The first attempt wrote two parts, then the PDS went away: the third was
  // never written. (The same key and parts as a resend would carry.)
  auto whole = thread_of("thread-interrupted", {"1/3 Kontoret stänger kl 15.", "2/3 Ring oss i stället.", "3/3 Tack!"});
  auto first_attempt = whole;
  first_attempt.parts.pop_back();
  const auto partial = bluesky->publish(connection, first_attempt).get();
  auto unreachable = connection;
  unreachable.credentials = bluesky::to_credentials([&] {
    auto session = bluesky::session_of(connection.credentials);
    session.pds_url = "http://127.0.0.1:1";
    return session;
  }());
  CHECK(failure_of([&] { bluesky->publish(unreachable, whole).get(); }) == FailureKind::transient);

  const auto resent = bluesky->publish(connection, whole).get();
  REQUIRE(resent.part_ids.size() == 3);
  CHECK(resent.part_ids[0] == partial.part_ids[0]);
  CHECK(resent.part_ids[1] == partial.part_ids[1]);
  CHECK(records_in_repo(network, agency) == 3);  // no part twice
}

namespace {

// The agency's connection, through `proxy` instead of straight to the PDS.
plugin::Connection through(const plugin::Connection& connection, const test::FaultProxy& proxy) {
  auto session = bluesky::session_of(connection.credentials);
  session.pds_url = proxy.url();
  return {proxy.url(), connection.account_id, bluesky::to_credentials(session)};
}

}  // namespace

TEST_CASE_METHOD(test::BlueskyFixture, "the answer lost after the PDS wrote part 2: the resend writes part 3 only") {
  test::FaultProxy proxy(network.pds_url());
  proxy.add(test::FaultProxy::Fault::drop_after, "/xrpc/com.atproto.repo.putRecord", 1, /*skip=*/1);
  const auto whole =
      thread_of("answer-lost", {"1/3 Vi har ändrat öppettiderna.", "2/3 Måndag till fredag 9–15.", "3/3 Tack!"});
  CHECK(failure_of([&] { bluesky->publish(through(connection, proxy), whole).get(); }) == FailureKind::unknown_outcome);
  CHECK(records_in_repo(network, agency) == 2);  // the PDS wrote part 2; only its answer was lost

  // An unknown outcome is safe to resend on Bluesky: the same keys, the same records.
  CHECK(bluesky->descriptor().resend_is_safe);
  const auto resent = bluesky->publish(through(connection, proxy), whole).get();
  REQUIRE(resent.part_ids.size() == 3);
  CHECK(records_in_repo(network, agency) == 3);
  CHECK(proxy.requests_to("/xrpc/com.atproto.repo.putRecord") == 5);  // 2, then 3 again
}

TEST_CASE_METHOD(test::BlueskyFixture, "a 429 says when to try again, and nothing was written") {
  test::FaultProxy proxy(network.pds_url());
  proxy.add(test::FaultProxy::Fault::rate_limited, "/xrpc/com.atproto.repo.putRecord");
  const auto post = thread_of("limited", {"Systemet är nere en stund i kväll."});
  try {
    bluesky->publish(through(connection, proxy), post).get();
    FAIL("published");
  } catch (const plugin::NetworkError& e) {
    CHECK(e.kind() == FailureKind::rate_limited);
    REQUIRE(e.reset_at());
    CHECK(*e.reset_at() > SystemClock{}.now());
    CHECK(*e.reset_at() < SystemClock{}.now() + 10s);
  }
  CHECK(records_in_repo(network, agency) == 0);
  CHECK(bluesky->publish(through(connection, proxy), post).get().part_ids.size() == 1);
  CHECK(records_in_repo(network, agency) == 1);
}

TEST_CASE_METHOD(test::BlueskyFixture,
                 "a reply arrives in the inbox once, is answered, hidden with the threadgate and shown again") {
  const auto post = bluesky->publish(connection, thread_of("asked", {"Har du frågor om bostadsbidraget?"})).get();
  const auto cid = [&] {
    const auto posts = network.query(agency, "app.bsky.feed.getPosts", "uris=" + post.network_id);
    return std::string(posts["posts"][0]["cid"].GetString());
  };
  REQUIRE(test::eventually(
      [&] { return network.query(agency, "app.bsky.feed.getPosts", "uris=" + post.network_id)["posts"].Size() == 1; },
      20s));
  const auto reply = network.post(bob, "Ni är hopplösa, jag har väntat i sex veckor!", post.network_id, cid());
  const std::string reply_uri = reply["uri"].GetString();

  plugin::InteractionPage page;
  REQUIRE(test::eventually(
      [&] {
        page = bluesky->fetch_interactions(connection, "").get();
        return !page.items.empty();
      },
      20s));
  REQUIRE(page.items.size() == 1);
  CHECK(page.items[0].network_id == reply_uri);
  CHECK(page.items[0].kind == plugin::InteractionKind::reply);
  CHECK(page.items[0].author.handle == "@" + bob.handle);
  CHECK(page.items[0].in_reply_to_id == post.network_id);
  CHECK_FALSE(page.next_cursor.empty());
  CHECK(bluesky->fetch_interactions(connection, page.next_cursor).get().items.empty());  // nothing twice

  const auto answer =
      bluesky
          ->reply(connection,
                  {reply_uri, "@" + bob.handle, "Förlåt dröjsmålet, vi ringer dig i dag.", {}, "sv", false, "answer-1"})
          .get();
  CHECK(
      bluesky
          ->reply(connection,
                  {reply_uri, "@" + bob.handle, "Förlåt dröjsmålet, vi ringer dig i dag.", {}, "sv", false, "answer-1"})
          .get()
          .network_id == answer.network_id);  // the same key: the same answer

  bluesky->moderate(connection, {plugin::ModerationAction::hide, reply_uri, bob.did, ""}).get();
  const auto rkey = bluesky::parse_at_uri(post.network_id)->rkey;
  const auto gate = network.query({}, "com.atproto.repo.getRecord",
                                  "repo=" + agency.did + "&collection=app.bsky.feed.threadgate&rkey=" + rkey);
  REQUIRE(gate["value"]["hiddenReplies"].Size() == 1);
  CHECK(std::string(gate["value"]["hiddenReplies"][0].GetString()) == reply_uri);
  plugin::Thread thread;
  REQUIRE(test::eventually(
      [&] {
        thread = bluesky->fetch_thread(connection, post.network_id).get();
        return !thread.descendants.empty() && thread.descendants[0].hidden;
      },
      20s));
  bluesky->moderate(connection, {plugin::ModerationAction::unhide, reply_uri, bob.did, ""}).get();
  const auto shown = network.query({}, "com.atproto.repo.getRecord",
                                   "repo=" + agency.did + "&collection=app.bsky.feed.threadgate&rkey=" + rkey);
  CHECK(shown["value"]["hiddenReplies"].Size() == 0);

  // A reply in someone else's thread cannot be hidden: said plainly.
  const auto elsewhere = network.post(bob, "Min egen tråd.");
  const auto answer_elsewhere =
      network.post(agency, "Svar i Bobs tråd.", elsewhere["uri"].GetString(), elsewhere["cid"].GetString());
  const std::string answer_uri = answer_elsewhere["uri"].GetString();
  REQUIRE(test::eventually(
      [&] { return network.query(agency, "app.bsky.feed.getPosts", "uris=" + answer_uri)["posts"].Size() == 1; }, 20s));
  try {
    bluesky->moderate(connection, {plugin::ModerationAction::hide, answer_elsewhere["uri"].GetString(), agency.did, ""})
        .get();
    FAIL("hidden");
  } catch (const plugin::NetworkError& e) {
    CHECK(e.kind() == FailureKind::rejected);
    CHECK_THAT(e.reason(), Catch::Contains("threads it started"));
  }
  // What a network without hiding offers: mute, block, report.
  for (auto action : {plugin::ModerationAction::mute_author, plugin::ModerationAction::block_author,
                      plugin::ModerationAction::report}) {
    bluesky->moderate(connection, {action, reply_uri, bob.did, "Hot mot en handläggare."}).get();
  }
}

TEST_CASE_METHOD(test::BlueskyFixture,
                 "figures: followers and likes, a post deleted on the network is gone, impressions not available") {
  const auto post = bluesky->publish(connection, thread_of("liked", {"Nu kan du ansöka digitalt."})).get();
  REQUIRE(test::eventually(
      [&] { return network.query(agency, "app.bsky.feed.getPosts", "uris=" + post.network_id)["posts"].Size() == 1; },
      20s));
  const auto view = network.query(agency, "app.bsky.feed.getPosts", "uris=" + post.network_id);
  network.like(bob, post.network_id, view["posts"][0]["cid"].GetString());
  std::vector<plugin::PostMetrics> figures;
  REQUIRE(test::eventually(
      [&] {
        figures = bluesky->post_metrics(connection, {post.network_id}).get();
        return figures.size() == 1 && figures[0].likes == 1;
      },
      20s));
  CHECK(figures[0].exists);
  CHECK(figures[0].shares == 0);
  CHECK_FALSE(figures[0].impressions);  // Bluesky does not count them: not available, never 0
  const auto account = bluesky->account_metrics(connection).get();
  CHECK(account.followers == 0);
  CHECK(account.posts.has_value());

  bluesky->remove(connection, post.network_id).get();
  REQUIRE(
      test::eventually([&] { return !bluesky->post_metrics(connection, {post.network_id}).get().at(0).exists; }, 20s));
  bluesky->remove(connection, post.network_id).get();  // gone already: done
}

TEST_CASE_METHOD(test::BlueskyFixture,
                 "a session is renewed with its refresh token, and one that no longer works asks for reconnection") {
  const auto renewed = bluesky->refresh(connection).get();
  CHECK(renewed.renewable);
  CHECK(renewed.expires_at.has_value());
  // The renewed session works (the PDS answers for the repository itself).
  const auto mine =
      bluesky->publish({connection.server_url, connection.account_id, renewed}, thread_of("renewed", {"Hej."})).get();
  CHECK_THAT(mine.network_id, Catch::StartsWith("at://" + agency.did));

  auto broken = bluesky::session_of(renewed);
  broken.access_jwt = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2ln";  // expired long ago, and not the server's
  broken.refresh_jwt = "not-a-refresh-token";
  const plugin::Connection expired{connection.server_url, connection.account_id, bluesky::to_credentials(broken)};
  CHECK(failure_of([&] { bluesky->verify(expired).get(); }) == FailureKind::auth_expired);
  CHECK(failure_of([&] { bluesky->publish(expired, thread_of("never", {"x"})).get(); }) == FailureKind::auth_expired);
  CHECK(failure_of([&] { bluesky->refresh(expired).get(); }) == FailureKind::auth_expired);
  CHECK(failure_of([&] {
          bluesky->verify({connection.server_url, connection.account_id, {"{}", std::nullopt, true}}).get();
        }) == FailureKind::auth_expired);

  // Disconnecting ends the session on the PDS: its refresh token is void.
  const plugin::Connection current{connection.server_url, connection.account_id, renewed};
  bluesky->sign_out(current).get();
  CHECK(failure_of([&] { bluesky->refresh(current).get(); }) == FailureKind::auth_expired);
}
