// Reading what a Mastodon server sends into interactions, including what no
// well-behaved server sends: a 10 MB comment, broken UTF-8, an item without
// an account, markup and entities.
#include <catch2/catch.hpp>

#include "core/utf8.h"
#include "mastodon_responses.h"

using namespace kanal;
using namespace kanal::mastodon;

namespace {

std::string notification(const std::string& id, const std::string& content,
                         const std::string& extra_status_fields = R"("in_reply_to_id":"100","visibility":"public",)") {
  return R"({"id":")" + id + R"(","type":"mention","created_at":"2026-11-26T10:00:00.000Z","status":{"id":"9)" + id +
         R"(","created_at":"2026-11-26T10:00:00.000Z",)" + extra_status_fields + R"("language":"sv","content":")" +
         content + R"(","account":{"id":"55","acct":"anna","display_name":"Anna"}}})";
}

}  // namespace

TEST_CASE("markup becomes the text a person wrote") {
  CHECK(html_to_text("<p>Hej <span class=\"h-card\"><a href=\"x\">@<span>kanal_demo</span></a></span> tack!</p>") ==
        "Hej @kanal_demo tack!");
  CHECK(html_to_text("<p>Rad ett<br>rad två</p><p>Nytt stycke</p>") == "Rad ett\nrad två\n\nNytt stycke");
  CHECK(html_to_text("5 &lt; 6 &amp;&amp; &quot;ja&quot; &#39;nej&#39; &#x1F600; &#8364;") ==
        "5 < 6 && \"ja\" 'nej' \U0001F600 \u20AC");
  CHECK(html_to_text("&#0; &#xD800; &bogus; a & b") == "\uFFFD \uFFFD &bogus; a & b");
  CHECK(html_to_text("cut off <a href=") == "cut off");
}

TEST_CASE("a page of notifications reads oldest first, with the cursor past the newest") {
  const auto body = "[" + notification("203", "<p>tre</p>") + "," + notification("201", "<p>ett</p>") + "," +
                    R"({"id":"202","type":"favourite","created_at":"2026-11-26T10:00:00.000Z"})" + "]";
  auto page = parse_notifications(body, "200", 40, "https://social.example");
  REQUIRE(page.items.size() == 2);
  CHECK(page.items[0].text == "ett");
  CHECK(page.items[1].text == "tre");
  CHECK(page.items[0].kind == plugin::InteractionKind::reply);
  CHECK(page.items[0].author.handle == "@anna@social.example");
  CHECK(page.next_cursor == "203");
  CHECK_FALSE(page.more);
  CHECK(page.unreadable.empty());
  // A direct message is one, whatever it answers.
  auto direct = parse_notifications("[" + notification("300", "hej", R"("visibility":"direct",)") + "]", "", 40,
                                    "https://social.example");
  REQUIRE(direct.items.size() == 1);
  CHECK(direct.items[0].kind == plugin::InteractionKind::direct_message);
}

TEST_CASE("a 10 MB comment is kept, cut to what Kanal keeps, and marked") {
  const std::string huge(10 * 1024 * 1024, 'a');
  auto page = parse_notifications("[" + notification("400", huge) + "]", "", 40, "https://social.example");
  REQUIRE(page.items.size() == 1);
  CHECK(page.items[0].truncated);
  CHECK(page.items[0].text.size() == plugin::kMaxInteractionText);
  CHECK(page.next_cursor == "400");
}

TEST_CASE("broken UTF-8 is repaired, not a reason to lose the comment") {
  auto page = parse_notifications("[" + notification("500", "tr\xC3\x28 bra") + "]", "", 40, "https://social.example");
  REQUIRE(page.items.size() == 1);
  CHECK(utf8::is_valid(page.items[0].text));
  CHECK(page.items[0].text == "tr\uFFFD( bra");
}

TEST_CASE("an item that cannot be read is skipped with the reason, and the rest arrive") {
  const std::string no_account =
      R"({"id":"602","type":"mention","created_at":"2026-11-26T10:00:00.000Z","status":{"id":"9602",)"
      R"("created_at":"2026-11-26T10:00:00.000Z","content":"x"}})";
  const auto body = "[" + notification("601", "ett") + "," + no_account + "," + notification("603", "tre") + "]";
  auto page = parse_notifications(body, "600", 3, "https://social.example");
  CHECK(page.items.size() == 2);
  REQUIRE(page.unreadable.size() == 1);
  CHECK_THAT(page.unreadable[0], Catch::Contains("account"));
  CHECK(page.next_cursor == "603");  // the unreadable one is not read again and again
  CHECK(page.more);                  // a full page: ask again

  CHECK_THROWS_AS(parse_notifications("{not json", "", 40, "https://social.example"), plugin::NetworkError);
  CHECK_THROWS_AS(parse_notifications(R"({"error":"x"})", "", 40, "https://social.example"), plugin::NetworkError);
}
