// Meta's Graph API as the Facebook and Instagram plugins read it, fed what
// no test server would send: each of Meta's error codes and what state it
// ends in, usage headers at the edge of the budget, ids that are no ids,
// times as Graph writes them, invalid UTF-8 and a 10 MB comment, and the
// state kept to publish exactly once.
#include <catch2/catch.hpp>

#include "core/utf8.h"
#include "exactly_once.h"
#include "graph_api.h"
#include "graph_objects.h"
#include "net/oauth_pkce.h"

using namespace kanal;
using namespace std::chrono_literals;
using plugin::FailureKind;

namespace {

net::HttpResponse graph_answer(long status, std::string body, std::map<std::string, std::string> headers = {}) {
  net::HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

std::string error_body(int code, int subcode = 0, const std::string& message = "said by Meta") {
  return R"({"error":{"message":")" + message + R"(","type":"OAuthException","code":)" + std::to_string(code) +
         (subcode != 0 ? ",\"error_subcode\":" + std::to_string(subcode) : "") + R"(,"fbtrace_id":"A1"}})";
}

const Timestamp kNow = from_unix_ms(1'796'000'000'000);

}  // namespace

TEST_CASE("each of Meta's errors ends in the state that lets a person act on it") {
  SECTION("an expired or withdrawn token asks for reconnection") {
    const auto e = meta::graph_failure(graph_answer(400, error_body(190, 463)), "posting", true, kNow);
    CHECK(e.kind() == FailureKind::auth_expired);
    CHECK_THAT(e.reason(), Catch::Contains("connect the account again"));
  }
  SECTION("throttling is waited out until the time Meta names") {
    for (const int code : {4, 17, 32, 613, 80001}) {
      const auto e = meta::graph_failure(
          graph_answer(400, error_body(code),
                       {{"x-business-use-case-usage",
                         R"({"123":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":40,)"
                         R"("estimated_time_to_regain_access":7}]})"}}),
          "reading", false, kNow);
      CHECK(e.kind() == FailureKind::rate_limited);
      REQUIRE(e.reset_at());
      CHECK(*e.reset_at() == kNow + 7min);
    }
    // Without a time from Meta: a quarter of an hour.
    CHECK(*meta::graph_failure(graph_answer(400, error_body(4)), "reading", false, kNow).reset_at() == kNow + 15min);
  }
  SECTION("a missing permission asks for reconnection, granting it") {
    for (const int code : {10, 200, 299}) {
      const auto e = meta::graph_failure(graph_answer(403, error_body(code)), "hiding", false, kNow);
      CHECK(e.kind() == FailureKind::auth_expired);
      CHECK_THAT(e.reason(), Catch::Contains("permission"));
    }
  }
  SECTION("blocked for policy and an invalid parameter fail with Meta's reason") {
    const auto policy =
        meta::graph_failure(graph_answer(400, error_body(368, 1390008, "deemed abusive")), "posting", true, kNow);
    CHECK(policy.kind() == FailureKind::rejected);
    CHECK_THAT(policy.reason(), Catch::Contains("deemed abusive"));
    const auto invalid =
        meta::graph_failure(graph_answer(400, error_body(100, 0, "Invalid parameter")), "posting", true, kNow);
    CHECK(invalid.kind() == FailureKind::rejected);
    CHECK_THAT(invalid.reason(), Catch::Contains("Invalid parameter") && Catch::Contains("code 100"));
  }
  SECTION("Meta's own failure is retried, or resolved first when it may have posted") {
    CHECK(meta::graph_failure(graph_answer(500, error_body(2)), "reading", false, kNow).kind() ==
          FailureKind::transient);
    CHECK(meta::graph_failure(graph_answer(500, error_body(1)), "posting", true, kNow).kind() ==
          FailureKind::unknown_outcome);
    CHECK(meta::graph_failure(graph_answer(502, "<html>Bad gateway</html>"), "posting", true, kNow).kind() ==
          FailureKind::unknown_outcome);
  }
  SECTION("Instagram's publishing limit holds the post, said plainly") {
    const auto e = meta::graph_failure(graph_answer(400, error_body(9, 2207042)), "publishing", true, kNow);
    CHECK(e.kind() == FailureKind::rate_limited);
    CHECK_THAT(e.reason(), Catch::Contains("limit of posts per 24 hours"));
  }
}

TEST_CASE("calls stop before Meta refuses them when the usage headers near the budget") {
  meta::UsageGate gate;
  const auto usage = meta::usage_of(graph_answer(200, "{}", {{"x-app-usage", R"({"call_count":96,"total_time":3})"}}));
  CHECK(usage.percent == 96);
  gate.note(meta::Usage{80, 0min}, kNow);
  CHECK_NOTHROW(gate.check(kNow));
  gate.note(usage, kNow);
  try {
    gate.check(kNow + 1min);
    FAIL("not held");
  } catch (const plugin::NetworkError& e) {
    CHECK(e.kind() == FailureKind::rate_limited);
    CHECK_THAT(e.reason(), Catch::Contains("96 %"));
    CHECK(*e.reset_at() == kNow + 15min);
  }
  CHECK_NOTHROW(gate.check(kNow + 16min));
  // An unreadable header says nothing; it does not hold anything.
  CHECK(meta::usage_of(graph_answer(200, "{}", {{"x-app-usage", "{not json"}})).percent == 0);
}

TEST_CASE("only ids, addresses and times that are what they claim are used") {
  CHECK(meta::is_graph_id("1234567890"));
  CHECK(meta::is_graph_id("1234_5678"));
  for (const auto* bad : {"", "12/../me", "_12", "12_", "1_2_3", "12?fields=access_token", "abc"}) {
    CHECK_FALSE(meta::is_graph_id(bad));
  }
  CHECK(meta::is_meta_endpoint("https://graph.facebook.com"));
  CHECK(meta::is_meta_endpoint("http://127.0.0.1:4010"));
  CHECK_FALSE(meta::is_meta_endpoint("http://graph.facebook.com"));
  CHECK_FALSE(meta::is_meta_endpoint("https://facebook.com.evil.example"));
  CHECK_FALSE(meta::is_meta_endpoint("https://graph.facebook.com@evil.example"));
  CHECK(meta::graph_time("2026-12-07T10:00:00+0000") == parse_iso8601("2026-12-07T10:00:00Z"));
  CHECK_FALSE(meta::graph_time("yesterday"));
  CHECK(meta::cursor_time("1796000000") == from_unix_ms(1'796'000'000'000));
  // A cursor whose milliseconds would overflow (the fuzzer's find) is no time.
  CHECK_THROWS_AS(meta::cursor_time("666666666666666660"), plugin::NetworkError);
}

TEST_CASE("appsecret_proof is HMAC-SHA256 of the token under the app's secret") {
  // RFC 4231, test case 2.
  CHECK(net::hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("a comment's text is kept readable and bounded") {
  plugin::Interaction item;
  meta::set_text(item, std::string("Bra svar\xff\xfe tack"));
  CHECK(utf8::is_valid(item.text));
  CHECK_THAT(item.text, Catch::StartsWith("Bra svar") && Catch::EndsWith("tack"));
  const std::string huge(10 * 1024 * 1024, 'a');
  meta::set_text(item, huge);
  CHECK(item.truncated);
  CHECK(item.text.size() == plugin::kMaxInteractionText);
  CHECK(meta::comparable("  Hej\r\nvärlden \n") == "Hej\nvärlden");
}

TEST_CASE("what is kept to publish exactly once survives a round trip, and nonsense is no state") {
  meta::Attempt attempt;
  attempt.text = "Barnbidraget betalas ut den 20:e.";
  attempt.media = {"111", "222"};
  attempt.hosted = {"333"};
  attempt.sending_at = "2026-12-07T10:00:00.000Z";
  const auto back = meta::read_attempt(meta::written(attempt));
  REQUIRE(back);
  CHECK(back->text == attempt.text);
  CHECK(back->media == attempt.media);
  CHECK(back->hosted == attempt.hosted);
  CHECK(back->sending_at == attempt.sending_at);
  CHECK(back->id.empty());
  CHECK_FALSE(meta::read_attempt(std::string("{not json")));
  CHECK_FALSE(meta::read_attempt(std::nullopt));
}
