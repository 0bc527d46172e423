// What comes back: the Mastodon plugin against kanal-sandbox's simulated
// audience — comments after a cursor, conversations, replies (public and
// direct), mute, block and report instead of hiding, figures, and renewing an
// expiring token.
#include <catch2/catch.hpp>

#include <Poco/URI.h>

#include <set>

#include "api/client/http_client.h"
#include "core/json.h"
#include "mastodon_fixture.h"

using namespace kanal;
using namespace std::chrono_literals;
using plugin::FailureKind;

namespace {

struct Fixture : test::MastodonFixture {
  using MastodonFixture::MastodonFixture;

  plugin::Published post(const std::string& text, const std::string& language) {
    plugin::Publication publication;
    publication.parts = {{text, {}}};
    publication.language = language;
    publication.idempotency_key = "post-" + text.substr(0, 12);
    return mastodon->publish(connection, publication).get();
  }

  // Every interaction after `cursor`, page by page, as kanald's sync would.
  std::vector<plugin::Interaction> all_after(std::string& cursor) {
    std::vector<plugin::Interaction> all;
    for (int page = 0; page < 100; ++page) {
      auto batch = mastodon->fetch_interactions(connection, cursor).get();
      CHECK(batch.unreadable.empty());
      all.insert(all.end(), batch.items.begin(), batch.items.end());
      cursor = batch.next_cursor;
      if (!batch.more) break;
    }
    return all;
  }
};

FailureKind failure_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const plugin::NetworkError& e) {
    return e.kind();
  }
  FAIL("expected a NetworkError");
  return FailureKind::transient;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "the audience's comments arrive once each, in order, after the cursor") {
  auto published = post("Barnbidraget betalas ut den 20:e. Frågor? Svara här.", "sv");
  post("Bostadsbidraget: nya regler från 1 januari.", "sv");
  post("Our offices in Tromsø close early on Friday.", "en");
  std::string cursor;
  CHECK(all_after(cursor).empty());

  sandbox.advance_audience(24h);
  auto first = all_after(cursor);
  const auto written = sandbox.audience_statuses();
  REQUIRE(first.size() == written.Size());  // every comment, however many pages
  REQUIRE(first.size() > 40);               // more than one page of notifications
  std::set<std::string> ids;
  std::size_t replies = 0;
  for (std::size_t i = 0; i < first.size(); ++i) {
    const auto& item = first[i];
    ids.insert(item.network_id);
    if (i > 0) CHECK(first[i - 1].created_at <= item.created_at);
    CHECK_FALSE(item.text.empty());
    CHECK(item.text.find('<') == std::string::npos);  // plain text, not HTML
    CHECK_THAT(item.author.handle, Catch::EndsWith("@127.0.0.1"));
    if (item.kind == plugin::InteractionKind::reply) {
      ++replies;
      CHECK_FALSE(item.in_reply_to_id.empty());
    }
  }
  CHECK(ids.size() == first.size());
  CHECK(replies > 0);

  // Nothing twice: the cursor moves past what was read.
  CHECK(all_after(cursor).empty());
  sandbox.advance_audience(3h);
  for (const auto& item : all_after(cursor)) CHECK(ids.count(item.network_id) == 0);

  // The conversation under the post holds its replies.
  auto thread = mastodon->fetch_thread(connection, published.network_id).get();
  CHECK(thread.ancestors.empty());
  std::set<std::string> in_thread;
  for (const auto& item : thread.descendants) in_thread.insert(item.network_id);
  std::size_t direct_replies = 0;
  for (const auto& item : first) {
    if (item.in_reply_to_id != published.network_id) continue;
    ++direct_replies;
    CHECK(in_thread.count(item.network_id) == 1);
  }
  CHECK(direct_replies > 0);
}

TEST_CASE_METHOD(Fixture, "a reply reaches the person, and an answer to a direct message stays direct") {
  post("Our offices close at 15:00 on Friday.", "en");
  sandbox.advance_audience(12h);
  std::string cursor;
  auto comments = all_after(cursor);
  REQUIRE_FALSE(comments.empty());
  const auto& comment = comments.front();

  plugin::ReplyRequest answer{
      comment.network_id, comment.author.handle, "Thank you for asking. We open at 9.", {}, "en", false, "reply-1"};
  auto sent = mastodon->reply(connection, answer).get();
  auto again = mastodon->reply(connection, answer).get();  // the same key: the same reply
  CHECK(again.network_id == sent.network_id);
  auto ours = sandbox.statuses();
  const auto& last = ours[ours.Size() - 1];
  CHECK(std::string(last["text"].GetString()).rfind(comment.author.handle, 0) == 0);  // they are told
  CHECK(std::string(last["visibility"].GetString()) == "public");

  answer.direct = true;
  answer.idempotency_key = "reply-2";
  mastodon->reply(connection, answer).get();
  ours = sandbox.statuses();
  CHECK(std::string(ours[ours.Size() - 1]["visibility"].GetString()) == "direct");
}

// A plain Mastodon server: what it offers instead of hiding a reply.
struct PlainMastodon : Fixture {
  PlainMastodon() : Fixture({"--plain-mastodon"}) {}
};

TEST_CASE_METHOD(Fixture, "the sandbox hides a reply with its documented extension, and shows it again") {
  post("Nya öppettider i Luleå från måndag.", "sv");
  sandbox.advance_audience(12h);
  std::string cursor;
  auto comments = all_after(cursor);
  REQUIRE_FALSE(comments.empty());
  const auto& comment = comments.front();
  CHECK(mastodon->describe(sandbox.url()).get().has(plugin::kHideReplies));
  const auto hidden = [&] {
    const auto statuses = sandbox.all_statuses();
    for (const auto& status : statuses.GetArray()) {
      if (comment.network_id == status["id"].GetString()) return status["hidden"].GetBool();
    }
    return false;
  };
  mastodon->moderate(connection, {plugin::ModerationAction::hide, comment.network_id, "", ""}).get();
  CHECK(hidden());
  mastodon->moderate(connection, {plugin::ModerationAction::unhide, comment.network_id, "", ""}).get();
  CHECK_FALSE(hidden());
  // Only the author of the post it replies to may hide a reply.
  const auto own = post("Vi svarar på frågor här.", "sv");
  CHECK(failure_of([&] {
          mastodon->moderate(connection, {plugin::ModerationAction::hide, own.network_id, "", ""}).get();
        }) == FailureKind::rejected);
}

TEST_CASE_METHOD(PlainMastodon, "instead of hiding: mute, block and report the author") {
  post("Nya öppettider i Kiruna från måndag.", "sv");
  sandbox.advance_audience(12h);
  std::string cursor;
  auto comments = all_after(cursor);
  REQUIRE_FALSE(comments.empty());
  const auto& comment = comments.front();
  const plugin::ModerationRequest hide{plugin::ModerationAction::hide, comment.network_id,
                                       comment.author.network_account_id, ""};
  CHECK(failure_of([&] { mastodon->moderate(connection, hide).get(); }) == FailureKind::rejected);
  CHECK_FALSE(mastodon->descriptor().has(plugin::kHideReplies));
  CHECK_FALSE(mastodon->describe(sandbox.url()).get().has(plugin::kHideReplies));
  CHECK(mastodon->descriptor().has(plugin::kMuteBlockReport));

  auto with = [&](plugin::ModerationAction action) {
    return plugin::ModerationRequest{action, comment.network_id, comment.author.network_account_id,
                                     "Threatens a caseworker by name."};
  };
  // A refusal is a refusal: it is not reported as done.
  sandbox.add_fault(R"({"kind":"unprocessable","path":"/api/v1/accounts","count":1})");
  CHECK(failure_of([&] { mastodon->moderate(connection, with(plugin::ModerationAction::mute_author)).get(); }) ==
        FailureKind::rejected);
  mastodon->moderate(connection, with(plugin::ModerationAction::report)).get();
  mastodon->moderate(connection, with(plugin::ModerationAction::mute_author)).get();
  mastodon->moderate(connection, with(plugin::ModerationAction::block_author)).get();
  auto record = sandbox.moderation();
  REQUIRE(record["reports"].Size() == 1);
  CHECK(std::string(record["reports"][0]["comment"].GetString()) == "Threatens a caseworker by name.");
  CHECK(std::string(record["reports"][0]["status_ids"][0].GetString()) == comment.network_id);
  CHECK(record["muted"].Size() == 1);
  CHECK(record["blocked"].Size() == 1);
  // A blocked author's new comments no longer reach the inbox.
  sandbox.advance_audience(48h);
  for (const auto& item : all_after(cursor)) CHECK(item.author.network_account_id != comment.author.network_account_id);
}

TEST_CASE_METHOD(Fixture, "figures move with the audience, and a deleted post says so rather than zero") {
  auto kept = post("Välkommen till vårt nya kontor!", "sv");
  auto removed = post("Fel datum, vi rättar.", "sv");
  mastodon->remove(connection, removed.network_id).get();
  const auto before = mastodon->account_metrics(connection).get();
  REQUIRE(before.followers);
  CHECK(*before.followers == 1200);
  CHECK(before.posts.value_or(0) >= 1);
  sandbox.advance_audience(24h);
  const auto after = mastodon->account_metrics(connection).get();
  CHECK(*after.followers != *before.followers);
  // Who followed, as other Mastodon clients ask it.
  client::HttpRequest followers;
  followers.url = sandbox.url() + "/api/v1/accounts/1/followers";
  auto listed = json::parse_json(client::perform(followers).body);
  REQUIRE(listed.IsArray());
  CHECK(listed.Size() > 0);

  auto metrics = mastodon->post_metrics(connection, {kept.network_id, removed.network_id}).get();
  REQUIRE(metrics.size() == 2);
  CHECK(metrics[0].network_id == kept.network_id);
  CHECK(metrics[0].likes.value_or(0) > 0);
  CHECK(metrics[0].replies.value_or(0) > 0);
  CHECK_FALSE(metrics[0].impressions);  // Mastodon does not count them: not available, never 0
  CHECK_FALSE(metrics[1].exists);
}

TEST_CASE("an expiring token is renewed with its refresh token, which is good once") {
  Fixture fixture({"--token-lifetime", "1"});
  const auto& credentials = fixture.connection.credentials;
  REQUIRE(credentials.expires_at);
  REQUIRE(credentials.renewable);
  const auto token = mastodon::token_of(credentials);
  REQUIRE_FALSE(token.refresh_token.empty());
  std::this_thread::sleep_for(1100ms);
  CHECK(failure_of([&] { fixture.mastodon->verify(fixture.connection).get(); }) == FailureKind::auth_expired);

  auto renewed = fixture.mastodon->refresh(fixture.connection).get();
  CHECK(mastodon::token_of(renewed).access_token != token.access_token);
  CHECK(mastodon::token_of(renewed).client_id == token.client_id);
  CHECK(fixture.mastodon->verify({fixture.sandbox.url(), "", renewed}).get().handle == "@kanal_demo@127.0.0.1");
  // The old refresh token was good once.
  CHECK(failure_of([&] { fixture.mastodon->refresh(fixture.connection).get(); }) == FailureKind::auth_expired);
  // Without a refresh token there is nothing to renew: connect again.
  auto without = mastodon::token_of(renewed);
  without.refresh_token.clear();
  const plugin::Connection no_refresh{fixture.sandbox.url(), "", mastodon::to_credentials(without)};
  CHECK(failure_of([&] { fixture.mastodon->refresh(no_refresh).get(); }) == FailureKind::auth_expired);
}
