// The AT Protocol as the Bluesky plugin reads and writes it, without a
// server: record keys, AT URIs, sessions, the post record, image shapes, the
// notifications and error answers — including what no server should send.
#include <catch2/catch.hpp>

#include "bluesky_records.h"
#include "bluesky_session.h"
#include "bluesky_xrpc.h"
#include "core/json.h"

using namespace kanal;
using namespace kanal::bluesky;
using plugin::FailureKind;

namespace {

net::HttpResponse answer(long status, std::string body, std::map<std::string, std::string> headers = {}) {
  return net::HttpResponse{status, std::move(headers), std::move(body)};
}

std::string png_of(int width, int height) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  for (int value : {width, height}) {
    for (int shift = 24; shift >= 0; shift -= 8) png += static_cast<char>((value >> shift) & 0xFF);
  }
  return png + std::string(20, '\0');
}

}  // namespace

TEST_CASE("record keys are TIDs: 13 sortable characters, later times sort later") {
  const auto first = make_tid(1'765'000'000'000'000, 7);
  const auto later = make_tid(1'765'000'000'000'001, 7);
  CHECK(first.size() == 13);
  CHECK(is_tid(first));
  CHECK(first < later);
  CHECK(make_tid(1'765'000'000'000'000, 8) != first);  // another clock, another key
  CHECK_FALSE(is_tid("3jzfcijpj2z2"));                 // too short
  CHECK_FALSE(is_tid("zzzzzzzzzzzzz"));                // the first character holds the top bits
  CHECK_FALSE(is_tid("3jzfcijpj2z2A"));                // not in the alphabet
}

TEST_CASE("AT URIs are read, and what is not one is refused") {
  const auto uri = parse_at_uri("at://did:plc:abc/app.bsky.feed.post/3kabc");
  REQUIRE(uri);
  CHECK(uri->repo == "did:plc:abc");
  CHECK(uri->collection == "app.bsky.feed.post");
  CHECK(uri->rkey == "3kabc");
  CHECK(uri->text() == "at://did:plc:abc/app.bsky.feed.post/3kabc");
  CHECK_FALSE(parse_at_uri("https://bsky.app/profile/x/post/1"));
  CHECK_FALSE(parse_at_uri("at://did:plc:abc"));
  CHECK_FALSE(parse_at_uri("at://did:plc:abc/app.bsky.feed.post/a/b"));
}

TEST_CASE("a session is sealed as JSON and expires with its access token, and a broken one asks for reconnection") {
  // {"exp": 2000000000} as a JWT payload; header and signature are opaque to Kanal.
  const std::string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjIwMDAwMDAwMDB9.c2lnbmF0dXJl";
  const Session session{"did:plc:abc", "agency.test", "http://localhost:2583", jwt, "refresh"};
  const auto credentials = to_credentials(session);
  CHECK(credentials.renewable);
  REQUIRE(credentials.expires_at);
  CHECK(to_unix_ms(*credentials.expires_at) == 2'000'000'000'000);
  const auto back = session_of(credentials);
  CHECK(back.did == session.did);
  CHECK(back.pds_url == session.pds_url);
  CHECK(back.refresh_jwt == "refresh");
  CHECK_FALSE(jwt_expiry("not-a-jwt"));
  CHECK_FALSE(jwt_expiry("a.!!!.b"));
  for (const std::string broken : {"", "{}", "[1]", "{\"did\":7}"}) {
    try {
      session_of(plugin::Credentials{broken, std::nullopt, true});
      FAIL("read");
    } catch (const plugin::NetworkError& e) {
      CHECK(e.kind() == FailureKind::auth_expired);
    }
  }
}

TEST_CASE("the post record carries facets at byte offsets, images with alt text and shape, the reply and language") {
  PostRecord post;
  post.text = "Läs mer på kanal.example/stöd #bidrag @anna.test";
  post.created_at = "2026-12-07T09:00:00.000Z";
  post.language = "sv";
  post.facets = {{plugin::TextEntity::link, 12, 31, "https://kanal.example/stöd"},
                 {plugin::TextEntity::hashtag, 32, 39, "bidrag"},
                 {plugin::TextEntity::mention, 40, 50, "did:plc:anna"}};
  post.images = {
      {R"({"$type":"blob","ref":{"$link":"bafk"},"mimeType":"image/png","size":73})", "A map", std::pair{800, 600}}};
  post.reply = ReplyRefs{{"at://a/app.bsky.feed.post/1", "c1"}, {"at://a/app.bsky.feed.post/2", "c2"}};
  const auto doc = json::parse_json(post_record_json(post));
  CHECK(std::string(doc["$type"].GetString()) == "app.bsky.feed.post");
  CHECK(std::string(doc["langs"][0].GetString()) == "sv");
  CHECK(doc["facets"].Size() == 3);
  CHECK(doc["facets"][0]["index"]["byteStart"].GetInt() == 12);
  CHECK(std::string(doc["facets"][0]["features"][0]["$type"].GetString()) == "app.bsky.richtext.facet#link");
  CHECK(std::string(doc["facets"][1]["features"][0]["tag"].GetString()) == "bidrag");
  CHECK(std::string(doc["facets"][2]["features"][0]["did"].GetString()) == "did:plc:anna");
  CHECK(std::string(doc["embed"]["images"][0]["alt"].GetString()) == "A map");
  CHECK(std::string(doc["embed"]["images"][0]["image"]["ref"]["$link"].GetString()) == "bafk");
  CHECK(doc["embed"]["images"][0]["aspectRatio"]["width"].GetInt() == 800);
  CHECK(std::string(doc["reply"]["root"]["cid"].GetString()) == "c1");
  CHECK(std::string(doc["reply"]["parent"]["uri"].GetString()) == "at://a/app.bsky.feed.post/2");
  CHECK(link_uri("kanal.example/x") == "https://kanal.example/x");
  CHECK(link_uri("http://kanal.example") == "http://kanal.example");
}

TEST_CASE("image shapes are read from PNG, GIF and JPEG headers, and anything else has none") {
  CHECK(image_size(png_of(1200, 675)) == std::pair{1200, 675});
  std::string gif = "GIF89a";
  gif += std::string("\x40\x01\xF0\x00", 4);  // 320 × 240, little-endian
  CHECK(image_size(gif) == std::pair{320, 240});
  std::string jpeg("\xFF\xD8\xFF\xE0\x00\x04\x00\x00\xFF\xC0\x00\x11\x08\x01\xE0\x02\x80", 17);
  jpeg += std::string(20, '\0');
  CHECK(image_size(jpeg) == std::pair{640, 480});
  CHECK_FALSE(image_size("not an image"));
  CHECK_FALSE(image_size(std::string("\xFF\xD8\xFF", 3)));  // a JPEG cut short
}

TEST_CASE(
    "notifications: replies, mentions and quotes newer than the cursor, oldest first, and a broken item is named") {
  const auto doc = json::parse_json(R"({"cursor":"c2","notifications":[
    {"uri":"at://b/app.bsky.feed.post/3","reason":"reply","indexedAt":"2026-12-07T10:00:03.000Z",
     "author":{"did":"did:plc:b","handle":"bob.test","displayName":"Bob"},
     "record":{"text":"Varför?","langs":["sv"],"createdAt":"2026-12-07T10:00:02.000Z",
               "reply":{"root":{"uri":"at://a/app.bsky.feed.post/1","cid":"x"},"parent":{"uri":"at://a/app.bsky.feed.post/1","cid":"x"}}}},
    {"uri":"at://b/app.bsky.feed.like/9","reason":"like","indexedAt":"2026-12-07T10:00:02.500Z",
     "author":{"did":"did:plc:b","handle":"bob.test"},"record":{}},
    {"uri":"at://c/app.bsky.feed.post/4","reason":"mention","indexedAt":"2026-12-07T10:00:02.000Z",
     "author":{"did":"did:plc:c"},"record":{"text":"no handle"}},
    {"uri":"at://d/app.bsky.feed.post/5","reason":"quote","indexedAt":"2026-12-07T10:00:01.000Z",
     "author":{"did":"did:plc:d","handle":"dina.test"},"record":{"text":"Bra!","createdAt":"2026-12-07T10:00:00.000Z"}},
    {"uri":"at://e/app.bsky.feed.post/6","reason":"reply","indexedAt":"2026-12-07T09:00:00.000Z",
     "author":{"did":"did:plc:e","handle":"old.test"},"record":{"text":"seen before"}}]})");
  const auto page = parse_notifications(doc, "2026-12-07T09:30:00.000Z", "https://bsky.app");
  REQUIRE(page.items.size() == 2);
  CHECK(page.items[0].network_id == "at://d/app.bsky.feed.post/5");  // the oldest first
  CHECK(page.items[0].kind == plugin::InteractionKind::mention);     // a quote addresses the account
  CHECK(page.items[1].kind == plugin::InteractionKind::reply);
  CHECK(page.items[1].author.handle == "@bob.test");
  CHECK(page.items[1].language == "sv");
  CHECK(page.items[1].in_reply_to_id == "at://a/app.bsky.feed.post/1");
  CHECK(page.items[1].url == "https://bsky.app/profile/bob.test/post/3");
  REQUIRE(page.unreadable.size() == 1);
  CHECK_THAT(page.unreadable[0], Catch::Contains("at://c/app.bsky.feed.post/4"));
  CHECK(page.newest_indexed_at == "2026-12-07T10:00:03.000Z");
  CHECK(page.oldest_indexed_at == "2026-12-07T09:00:00.000Z");
  CHECK(page.cursor == "c2");
  CHECK_THROWS_AS(parse_notifications(json::parse_json(R"({"cursor":"x"})"), "", ""), Error);
}

TEST_CASE("a 10 MB reply is kept cut at Kanal's limit, and marked so") {
  rapidjson::Document doc;
  const std::string huge(10 * 1024 * 1024, 'a');
  const auto body = std::string(R"({"notifications":[{"uri":"at://b/app.bsky.feed.post/3","reason":"mention",)") +
                    R"("indexedAt":"2026-12-07T10:00:03.000Z","author":{"did":"did:plc:b","handle":"bob.test"},)" +
                    R"("record":{"text":")" + huge + R"("}}]})";
  const auto page = parse_notifications(json::parse_json(body), "", "https://bsky.app");
  REQUIRE(page.items.size() == 1);
  CHECK(page.items[0].text.size() == plugin::kMaxInteractionText);
  CHECK(page.items[0].truncated);
}

TEST_CASE("error answers become typed errors: expired or invalid tokens, rate limits, server faults, refusals") {
  auto kind_of = [](const net::HttpResponse& response) { return xrpc_failure(response, "posting").kind(); };
  CHECK(kind_of(answer(400, R"({"error":"ExpiredToken","message":"Token has expired"})")) == FailureKind::auth_expired);
  CHECK(kind_of(answer(400, R"({"error":"InvalidToken","message":"Token could not be verified"})")) ==
        FailureKind::auth_expired);
  CHECK(kind_of(answer(401, R"({"error":"AuthenticationRequired","message":"Invalid identifier or password"})")) ==
        FailureKind::auth_expired);
  CHECK(kind_of(answer(500, R"({"error":"InternalServerError"})")) == FailureKind::transient);
  CHECK(kind_of(answer(502, "<html>bad gateway</html>")) == FailureKind::transient);
  const auto refused = xrpc_failure(
      answer(400, R"({"error":"InvalidRequest","message":"Record/text must not be longer than 300 graphemes"})"),
      "posting");
  CHECK(refused.kind() == FailureKind::rejected);
  CHECK_THAT(refused.reason(), Catch::Contains("300 graphemes") && Catch::Contains("HTTP 400"));
  const auto limited =
      xrpc_failure(answer(429, R"({"error":"RateLimitExceeded"})", {{"ratelimit-reset", "2000000000"}}), "posting");
  CHECK(limited.kind() == FailureKind::rate_limited);
  REQUIRE(limited.reset_at());
  CHECK(to_unix_ms(*limited.reset_at()) == 2'000'000'000'000);
  // A 429 without a readable reset still waits, for a while.
  CHECK(xrpc_failure(answer(429, "", {{"ratelimit-reset", "soon"}}), "posting").reset_at().has_value());
  CHECK(xrpc_error_name(answer(400, R"({"error":"InvalidSwap"})")) == "InvalidSwap");
  CHECK(xrpc_error_name(answer(400, "{not json")).empty());
}

TEST_CASE("a 2xx answer that is not a JSON object is a transient fault on the server's side") {
  for (const std::string body : {"", "{", "[]", "\"text\"", "\xFF\xFE"}) {
    try {
      parse_answer(body, "reading the profile");
      FAIL("read");
    } catch (const plugin::NetworkError& e) {
      CHECK(e.kind() == FailureKind::transient);
      CHECK_THAT(e.reason(), Catch::Contains("malformed"));
    }
  }
}
