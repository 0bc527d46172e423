// The rule that gives each network its own handle of a mentioned press
// contact: rewritten where a contact's handle on another network is
// mentioned, left alone everywhere else.
#include <catch2/catch.hpp>

#include "contacts/press_mentions.h"

using namespace kanal;
using namespace kanal::contacts;

namespace {

PressContact contact(std::int64_t id, std::string name, std::vector<NetworkHandle> handles) {
  PressContact c;
  c.id = PressContactId{id};
  c.name = std::move(name);
  c.handles = std::move(handles);
  return c;
}

const PressMentions& directory() {
  static const PressMentions press({
      contact(1, "Anna Svensson",
              {{"bluesky", "@anna.bsky.social"}, {"mastodon", "@anna@journalist.social"}, {"x", "@annasvensson"}}),
      contact(2, "Lars Berg", {{"x", "@LarsBerg"}}),
      contact(3, "Maja Ek", {{"bluesky", "@majaek.bsky.social"}, {"mastodon", "@maja@mastodon.nu"}}),
      // The same written handle on two networks, two people: nobody can tell whom a text means.
      contact(4, "Kim Andersson", {{"x", "@kim"}}),
      contact(5, "Kim Berglund", {{"mastodon", "@kim"}}),
  });
  return press;
}

struct Case {
  const char* text;
  const char* network;
  const char* expected;
};

}  // namespace

TEST_CASE("a contact's handle on another network becomes theirs on the target network") {
  const auto& press = directory();
  CHECK(press.for_network("Tack @annasvensson för intervjun.", "mastodon") ==
        "Tack @anna@journalist.social för intervjun.");
  CHECK(press.for_network("Tack @annasvensson för intervjun.", "bluesky") == "Tack @anna.bsky.social för intervjun.");
  CHECK(press.for_network("Läs @anna@journalist.social i dag", "x") == "Läs @annasvensson i dag");
  CHECK(press.for_network("Läs @anna.bsky.social i dag", "mastodon") == "Läs @anna@journalist.social i dag");
}

TEST_CASE("a contact without a handle on the target network is named, without an @") {
  const auto& press = directory();
  CHECK(press.for_network("Intervju med @LarsBerg i SVT.", "mastodon") == "Intervju med Lars Berg i SVT.");
  CHECK(press.for_network("@majaek.bsky.social skriver om barnbidraget", "x") == "Maja Ek skriver om barnbidraget");
}

TEST_CASE("a handle already right for the target network, or nobody's, stays as written") {
  const auto& press = directory();
  CHECK(press.for_network("Tack @annasvensson!", "x") == "Tack @annasvensson!");
  CHECK(press.for_network("Tack @anna@journalist.social!", "mastodon") == "Tack @anna@journalist.social!");
  CHECK(press.for_network("Tack @nagonannan och @someone@social.example!", "mastodon") ==
        "Tack @nagonannan och @someone@social.example!");
  CHECK(press.for_network("Utan kontakter", "x") == "Utan kontakter");
  CHECK(PressMentions().for_network("Tack @annasvensson!", "mastodon") == "Tack @annasvensson!");
}

TEST_CASE("a handle two different contacts hold on two networks is not guessed at") {
  CHECK(directory().for_network("Hej @kim", "bluesky") == "Hej @kim");
  // On a network where it is someone's handle, it is right as written.
  CHECK(directory().for_network("Hej @kim", "x") == "Hej @kim");
}

// Texts kept apart from the ones the rule was written against: where a
// mention starts and ends, addresses and links, case, other scripts.
TEST_CASE("held-out texts: mentions at the edges, punctuation, addresses, links and case") {
  const std::vector<Case> cases{
      // At the start, at the end, alone, on a line of its own.
      {"@annasvensson tack!", "mastodon", "@anna@journalist.social tack!"},
      {"Tack till @annasvensson", "mastodon", "Tack till @anna@journalist.social"},
      {"@annasvensson", "bluesky", "@anna.bsky.social"},
      {"Rad ett\n@annasvensson\nrad tre", "bluesky", "Rad ett\n@anna.bsky.social\nrad tre"},
      // Followed by punctuation, which stays.
      {"Tack @annasvensson.", "mastodon", "Tack @anna@journalist.social."},
      {"Tack @annasvensson, @LarsBerg!", "mastodon", "Tack @anna@journalist.social, Lars Berg!"},
      {"(via @annasvensson)", "bluesky", "(via @anna.bsky.social)"},
      {"«@annasvensson»: nej", "bluesky", "«@anna.bsky.social»: nej"},
      {"Frågan från @annasvensson?", "bluesky", "Frågan från @anna.bsky.social?"},
      {"@annasvensson's fråga", "bluesky", "@anna.bsky.social's fråga"},
      {"Läs @anna.bsky.social.", "x", "Läs @annasvensson."},
      {"Läs @anna@journalist.social.", "x", "Läs @annasvensson."},
      {"Läs @anna@journalist.social...", "x", "Läs @annasvensson..."},
      // Case does not matter; what replaces it is written as stored.
      {"Tack @AnnaSvensson", "mastodon", "Tack @anna@journalist.social"},
      {"Tack @ANNA.BSKY.SOCIAL", "x", "Tack @annasvensson"},
      {"Tack @larsberg", "bluesky", "Tack Lars Berg"},
      // An @ inside an e-mail address or a link is no mention.
      {"Skriv till annasvensson@dn.se", "mastodon", "Skriv till annasvensson@dn.se"},
      {"Mejla press.annasvensson@annasvensson.se", "mastodon", "Mejla press.annasvensson@annasvensson.se"},
      {"anna@journalist.social svarar", "x", "anna@journalist.social svarar"},
      {"https://x.com/@annasvensson", "mastodon", "https://x.com/@annasvensson"},
      {"https://journalist.social/@anna@journalist.social", "x", "https://journalist.social/@anna@journalist.social"},
      {"https://example.se/?via=@annasvensson", "mastodon", "https://example.se/?via=@annasvensson"},
      // A longer or different handle that begins like a contact's is not theirs.
      {"Tack @annasvenssonx", "mastodon", "Tack @annasvenssonx"},
      {"Tack @annasvensson_", "mastodon", "Tack @annasvensson_"},
      {"Tack @annasvenssonå", "mastodon", "Tack @annasvenssonå"},
      {"Tack @anna.bsky.social.example", "x", "Tack @anna.bsky.social.example"},
      {"Tack @annasvensson@journalist.social", "bluesky", "Tack @annasvensson@journalist.social"},
      // Not mentions at all.
      {"#annasvensson", "mastodon", "#annasvensson"},
      {"@ annasvensson", "mastodon", "@ annasvensson"},
      {"@@annasvensson", "mastodon", "@@annasvensson"},
      {"", "mastodon", ""},
      // Several, with other scripts and emoji around them.
      {"👋 @annasvensson och @majaek.bsky.social — Ελλάδα @LarsBerg", "mastodon",
       "👋 @anna@journalist.social och @maja@mastodon.nu — Ελλάδα Lars Berg"},
      {"@annasvensson @annasvensson", "bluesky", "@anna.bsky.social @anna.bsky.social"},
  };
  for (const auto& c : cases) {
    INFO(c.text << " → " << c.network);
    CHECK(directory().for_network(c.text, c.network) == c.expected);
  }
}

TEST_CASE("text that is not UTF-8 is rewritten around its bad bytes, never read past its end") {
  const std::string text = "\xff@annasvensson \xe2\x82 @annasvensson\xc3";
  CHECK(directory().for_network(text, "bluesky") == "\xff@anna.bsky.social \xe2\x82 @anna.bsky.social\xc3");
}
