#include <string>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <catch2/catch.hpp>

#include "example_rules.h"
#include "support/errors.h"
#include "text/network_count.h"

using namespace kanal::text;
using namespace kanal::text::example;

namespace {

Count count(std::string_view text, Network network) { return count_text(text, default_rules(network)); }

// Graphemes as ICU's C API finds them, independent of Kanal's code path.
std::size_t icu_graphemes(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::u16string utf16(text.size() + 1, u'\0');
  int32_t length = 0;
  u_strFromUTF8(utf16.data(), static_cast<int32_t>(utf16.size()), &length, text.data(),
                static_cast<int32_t>(text.size()), &status);
  UBreakIterator* it = ubrk_open(UBRK_CHARACTER, "", utf16.data(), length, &status);
  REQUIRE(U_SUCCESS(status));
  std::size_t n = 0;
  ubrk_first(it);
  while (ubrk_next(it) != UBRK_DONE) ++n;
  ubrk_close(it);
  return n;
}

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("Bluesky counts graphemes: families, flags, skin tones and combining marks are one each") {
  CHECK(count("👨‍👩‍👧‍👦", Network::bluesky).count == 1);
  CHECK(count("🇸🇪🇳🇴🇩🇰", Network::bluesky).count == 3);
  CHECK(count("🙋🏽 hej", Network::bluesky).count == 5);
  CHECK(count("e\xCC\x81", Network::bluesky).count == 1);                  // e + combining acute
  CHECK(count("1\xEF\xB8\x8F\xE2\x83\xA3", Network::bluesky).count == 1);  // keycap one
  for (const std::string& sample :
       {std::string("Hej 👋🏾 välkommen till 🇫🇮 och 🏴󠁧󠁢󠁳󠁣󠁴󠁿!"),
        repeat("👩🏽‍💻🧑‍🤝‍🧑❤️‍🔥", 40),
        std::string("नमस्ते दुनिया — ﷺ — 각 한글 — ‏שלום‏")}) {
    CHECK(count(sample, Network::bluesky).count == icu_graphemes(sample));
  }
}

TEST_CASE("Bluesky marks what lies past 300 graphemes and finds link and mention facets with byte offsets") {
  const std::string text = "Läs mer på https://example.se/stöd och fråga @kanal.bsky.social " + repeat("å", 300);
  const Count c = count(text, Network::bluesky);
  CHECK_FALSE(c.valid);
  CHECK(c.limit == 300);
  REQUIRE(c.overflow.size() == 1);
  CHECK(c.overflow[0].start == 300);
  CHECK(c.overflow[0].end == c.count);
  REQUIRE(c.entities.size() == 2);
  CHECK(c.entities[0].kind == EntityKind::url);
  CHECK(c.entities[0].value == "https://example.se/stöd");
  CHECK(c.entities[0].byte_start == std::string("Läs mer på ").size());
  CHECK(c.entities[0].byte_end == c.entities[0].byte_start + std::string("https://example.se/stöd").size());
  CHECK(c.entities[1].kind == EntityKind::mention);
  CHECK(c.entities[1].value == "kanal.bsky.social");
}

TEST_CASE("Mastodon counts a URL as 23 and a mention by its local part, with the instance's limit") {
  const std::string url = "https://www.forsakringskassan.se/privatpers/foralder/foraldrapenning";
  CHECK(count(url, Network::mastodon).count == 23);
  CHECK(count("@anna@social.example.org hej", Network::mastodon).count == std::string("@anna hej").size());
  CountRules rules = default_rules(Network::mastodon);
  rules.limit = 20;
  rules.characters_per_url = 30;
  const Count c = count_text("Se " + url, rules);
  CHECK(c.count == 33);
  CHECK_FALSE(c.valid);
  REQUIRE(c.overflow.size() == 1);
  CHECK(c.overflow[0].start == 3);  // the URL is what goes over
}

TEST_CASE("X counts the weighted length and marks the overflow from the first character past 280") {
  const Count c = count(repeat("a", 279) + "ööö", Network::x);
  CHECK(c.count == 282);
  CHECK_FALSE(c.valid);
  REQUIRE(c.overflow.size() == 1);
  CHECK(c.overflow[0] == Span{280, 282});
  CHECK(count(repeat("の", 140), Network::x).valid);
  CHECK_FALSE(count(repeat("の", 141), Network::x).valid);
}

TEST_CASE("LinkedIn and Facebook Pages count characters up to 3,000 and 63,206") {
  CHECK(count(repeat("x", 3000), Network::linkedin).valid);
  CHECK_FALSE(count(repeat("x", 3001), Network::linkedin).valid);
  CHECK(count(repeat("ä", 63206), Network::facebook).valid);
  const Count over = count(repeat("ä", 63207), Network::facebook);
  CHECK_FALSE(over.valid);
  CHECK(over.overflow[0] == Span{63206, 63207});
}

TEST_CASE("Bad input: invalid UTF-8 and lone surrogates are refused with a clear error") {
  for (const std::string& bad : {std::string("abc\xFF"), std::string("\xED\xA0\x80"), std::string("\xC3")}) {
    for (const Network n : {Network::x, Network::bluesky, Network::mastodon}) {
      CHECK(kanal::test::error_code_of([&] { count(bad, n); }) == kanal::ErrorCode::invalid_input);
    }
  }
}

TEST_CASE("Bad input: noncharacters, byte-order marks, joiners, flags and right-to-left marks") {
  // X refuses U+FFFE and U+FEFF inside a post; the others count them.
  CHECK_FALSE(count("hej \xEF\xBF\xBE", Network::x).valid);
  CHECK_FALSE(count("\xEF\xBB\xBFhej", Network::x).valid);
  CHECK(count("\xEF\xBB\xBFhej", Network::mastodon).valid);
  // A lone zero-width joiner is a character; inside an emoji sequence it is not counted apart.
  CHECK(count("a\xE2\x80\x8D", Network::bluesky).count == 1);
  CHECK(count("🏳️‍🌈", Network::x).count == 2);
  CHECK(count("🏳️‍🌈", Network::bluesky).count == 1);
  // Right-to-left marks count as characters and do not break a URL.
  const Count rtl = count("\xE2\x80\x8Fhttps://example.org/\xE2\x80\x8F", Network::x);
  CHECK(rtl.count == 2 * 2 + 23);
  REQUIRE(rtl.entities.size() == 1);
  CHECK(rtl.entities[0].value == "https://example.org/");
}

TEST_CASE("Bad input: a 100,000-character text is counted, and its overflow marked") {
  const std::string huge = repeat("Ansök om bostadsbidrag på https://example.se/a?b=c #bidrag @kanal. ", 1500);
  for (const Network n : {Network::x, Network::bluesky, Network::mastodon, Network::linkedin, Network::facebook}) {
    const Count c = count(huge, n);
    CHECK_FALSE(c.valid);
    REQUIRE(c.overflow.size() == 1);
    CHECK(c.overflow[0].end > 90'000);
  }
}
