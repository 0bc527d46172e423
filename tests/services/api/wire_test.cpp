#include <catch2/catch.hpp>

#include "api/wire/audit.h"
#include "api/wire/messages.h"
#include "api/wire/problem.h"
#include "core/error.h"
#include "core/json.h"
#include "support/errors.h"

using namespace kanal;

namespace {

std::string field_of(auto&& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.field();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("a create request is read with its variants") {
  auto request = wire::parse_create_post(
      R"({"text":"Hej","variants":[{"account_id":3,"text":"Hej på Mastodon"},{"account_id":4,"text":"Hej X"}]})");
  CHECK(request.text == "Hej");
  REQUIRE(request.variants.size() == 2);
  CHECK(request.variants[0].account == AccountId{3});
  CHECK(request.variants[1].text == "Hej X");
  auto again = wire::parse_create_post(wire::to_json(request));
  CHECK(again.variants.size() == 2);
}

TEST_CASE("create requests with bad fields name the field") {
  CHECK(field_of([] { wire::parse_create_post(R"({"text":1})"); }) == "text");
  CHECK(field_of([] { wire::parse_create_post(R"({"text":"x","variants":[{"account_id":0,"text":"y"}]})"); }) ==
        "variants[0].account_id");
  CHECK(field_of([] { wire::parse_create_post(R"({"text":"x","variants":[{"account_id":1}]})"); }) ==
        "variants[0].text");
  CHECK(field_of([] {
          wire::parse_create_post(
              R"({"text":"x","variants":[{"account_id":1,"text":"a"},{"account_id":1,"text":"b"}]})");
        }) == "variants[1].account_id");
  CHECK(field_of([] { wire::parse_create_post(R"({"text":"x","variants":[{"account_id":1,"text":"a","x":1}]})"); }) ==
        "variants[0].x");
  CHECK(test::error_code_of([] {
          wire::parse_create_post(R"({"text":"x","variants":[{"account_id":1.5,"text":"a"}]})");
        }) == ErrorCode::invalid_input);
}

TEST_CASE("images and thread parts with bad fields name the field") {
  CHECK(field_of([] { wire::parse_create_post(R"({"text":"x","media":[{"description":"no id"}]})"); }) ==
        "media[0].media_id");
  CHECK(field_of([] {
          wire::parse_create_post(R"({"text":"x","media":[{"media_id":1,"description":")" +
                                  std::string(wire::kMaxAltTextCodePoints + 1, 'a') + R"("}]})");
        }) == "media[0].description");
  CHECK(field_of([] {
          wire::parse_create_post(
              R"({"text":"x","media":[{"media_id":1},{"media_id":2},{"media_id":3},{"media_id":4},{"media_id":5}]})");
        }) == "media");
  CHECK(field_of([] { wire::parse_create_post(R"({"text":"x","thread":[{"text":"  "}]})"); }) == "thread[0].text");
  CHECK(field_of([] {
          wire::parse_create_post(R"({"text":"x","thread":[{"text":"y","media":[{"media_id":"1"}]}]})");
        }) == "thread[0].media[0].media_id");
  std::string long_thread = R"({"text":"x","thread":[)";
  for (std::size_t i = 0; i <= wire::kMaxThreadParts; ++i) long_thread += std::string(i ? "," : "") + R"({"text":"p"})";
  CHECK(field_of([&] { wire::parse_create_post(long_thread + "]}"); }) == "thread");
  // An image part without text is fine; so is an image without alt text in a draft.
  auto request = wire::parse_create_post(R"({"text":"x","thread":[{"media":[{"media_id":7}]}]})");
  REQUIRE(request.thread.size() == 1);
  CHECK(request.thread[0].media[0].description.empty());
}

TEST_CASE("text limits count characters, not bytes") {
  // 63,206 'ä' is 126,412 bytes: still within the limit.
  std::string at_limit;
  for (std::size_t i = 0; i < wire::kMaxPostTextCodePoints; ++i) at_limit += "ä";
  CHECK_NOTHROW(wire::parse_create_post(R"({"text":")" + at_limit + R"("})"));
  CHECK(test::error_code_of([&] { wire::parse_create_post(R"({"text":")" + at_limit + R"(ä"})"); }) ==
        ErrorCode::invalid_input);
}

TEST_CASE("an update needs the version it was made on") {
  CHECK(field_of([] { wire::parse_update_post(R"({"text":"x"})"); }) == "version");
  CHECK(field_of([] { wire::parse_update_post(R"({"version":"3","text":"x"})"); }) == "version");
  auto request = wire::parse_update_post(R"({"version":3})");
  CHECK(request.version == 3);
  CHECK_FALSE(request.text);
  CHECK_FALSE(request.variants);
}

TEST_CASE("malformed and non-UTF-8 JSON are malformed_json") {
  CHECK(test::error_code_of([] { json::parse_json("{"); }) == ErrorCode::malformed_json);
  CHECK(test::error_code_of([] { json::parse_json("{\"a\":\"\xFF\"}"); }) == ErrorCode::malformed_json);
  CHECK(test::error_code_of([] { json::parse_json(""); }) == ErrorCode::malformed_json);
  CHECK(test::error_code_of([] { json::parse_json(std::string("{\"a\":1}\0garbage", 15)); }) ==
        ErrorCode::malformed_json);
}

TEST_CASE("posts round-trip through JSON") {
  Post post;
  post.id = PostId{12};
  post.author = UserId{1};
  post.text = "Ret til boligstøtte? Læs mere på vores side.";
  post.state = PostState::in_review;
  post.version = 4;
  post.created_at = from_unix_ms(1'790'000'000'000);
  post.updated_at = from_unix_ms(1'790'000'100'123);
  post.variants = {{AccountId{2}, "Kortere"}};
  auto back = wire::parse_post(wire::to_json(post));
  CHECK(back.id == post.id);
  CHECK(back.text == post.text);
  CHECK(back.state == PostState::in_review);
  CHECK(back.version == 4);
  CHECK(back.updated_at == post.updated_at);
  REQUIRE(back.variants.size() == 1);
  CHECK(back.variants[0].text == "Kortere");

  auto list = wire::parse_post_list(wire::to_json(wire::PostList{{post}, std::string("12")}));
  CHECK(list.items.size() == 1);
  CHECK(list.next_cursor == std::string("12"));
}

TEST_CASE("a response missing a field is a typed error, not a crash") {
  CHECK(test::error_code_of([] { wire::parse_post(R"({"id":1})"); }) == ErrorCode::invalid_input);
  CHECK(test::error_code_of([] { wire::parse_post(R"({"id":"1","author_id":1})"); }) == ErrorCode::invalid_input);
  CHECK(test::error_code_of([] { wire::parse_post_list(R"({"items":{}})"); }) == ErrorCode::invalid_input);
  CHECK(test::error_code_of([] { wire::parse_server_info("[]"); }) == ErrorCode::invalid_input);
}

TEST_CASE("problem+json carries code, detail and field both ways") {
  Error original(ErrorCode::stale_version, "post 3 was changed by someone else", "version");
  const auto body = wire::problem_json(original);
  CHECK(body.find(R"("status":409)") != std::string::npos);
  CHECK(body.find(R"("type":"urn:kanal:problem:stale_version")") != std::string::npos);
  auto back = wire::error_from_response(409, body);
  CHECK(back.code() == ErrorCode::stale_version);
  CHECK(back.detail() == original.detail());
  CHECK(back.field() == "version");
}

TEST_CASE("a non-problem error body still gives a clear error by status") {
  auto proxy = wire::error_from_response(502, "<html>Bad Gateway</html>");
  CHECK(proxy.code() == ErrorCode::unavailable);
  CHECK_THAT(proxy.detail(), Catch::Contains("502"));
  CHECK(wire::error_from_response(404, "").code() == ErrorCode::not_found);
  CHECK(wire::error_from_response(418, "{}").code() == ErrorCode::internal);
}

TEST_CASE("an audit anchor is read strictly: another file, a changed field or bad JSON is refused by name") {
  AuditAnchor anchor;
  anchor.seq = 12;
  anchor.hash = std::string(64, 'a');
  anchor.event_at = from_unix_ms(1'790'000'000'000);
  anchor.anchored_at = from_unix_ms(1'790'000'060'000);
  anchor.public_key = std::string(64, 'b');
  anchor.signature = std::string(128, 'c');
  const auto text = wire::to_json(anchor);
  const auto back = wire::parse_audit_anchor(text);
  CHECK(back.seq == 12);
  CHECK(back.hash == anchor.hash);
  CHECK(back.anchored_at == anchor.anchored_at);
  CHECK(back.signature == anchor.signature);
  const auto refused = [](const std::string& body) {
    return test::error_code_of([&] { wire::parse_audit_anchor(body); });
  };
  CHECK(refused("not json") == ErrorCode::malformed_json);
  CHECK(refused("[]") == ErrorCode::malformed_json);
  CHECK(refused(R"({"kind":"a shopping list","seq":1})") == ErrorCode::invalid_input);
  std::string extra = text;
  extra.insert(extra.size() - 1, R"(,"note":"added")");
  CHECK(refused(extra) == ErrorCode::unknown_field);
  std::string zero = text;
  zero.replace(zero.find("\"seq\":12"), 8, "\"seq\":0");
  CHECK(refused(zero) == ErrorCode::invalid_input);
}

TEST_CASE("an escaped lone surrogate is not UTF-8, whoever sends it (the fuzzer's find)") {
  for (const char* body :
       {R"({"text": "Hej \udddd"})", R"({"\udc00": 1})", R"([[["\ud800"]]])", R"({"a": ["x\udfff"]})"}) {
    INFO(body);
    CHECK(test::error_code_of([&] { json::parse_json(body); }) == ErrorCode::malformed_json);
  }
  // A pair that makes one character is fine.
  const auto pair = json::parse_json(R"({"text": "\ud83d\ude00"})");
  CHECK(std::string(pair["text"].GetString()) == "\xF0\x9F\x98\x80");
}
