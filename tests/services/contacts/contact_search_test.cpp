// Finding press contacts as people type.
#include <catch2/catch.hpp>

#include "contacts/contact_search.h"

using namespace kanal;
using namespace kanal::contacts;

namespace {

PressContact contact(std::int64_t id, std::string name, std::string organisation, std::vector<NetworkHandle> handles) {
  PressContact c;
  c.id = PressContactId{id};
  c.name = std::move(name);
  c.organisation = std::move(organisation);
  c.handles = std::move(handles);
  return c;
}

const std::vector<PressContact> kContacts{
    contact(1, "Anna Svensson", "Dagens Nyheter", {{"x", "@annasvensson"}, {"bluesky", "@anna.bsky.social"}}),
    contact(2, "Erik Östlund", "Sveriges Radio", {{"mastodon", "@erik@journalist.social"}}),
    contact(3, "Søren Søderberg", "Politiken", {}),
    contact(4, "Åsa Lind-Berg", "Riksdagen", {{"x", "@asalind"}}),
    contact(5, "Bo Ek", "SVT Nyheter", {{"x", "@boek"}}),
    contact(6, "Anna Andersson", "Sydsvenskan", {}),
};

std::vector<std::int64_t> ids(const ContactQuery& query) {
  std::vector<std::int64_t> found;
  for (const auto& c : find_contacts(kContacts, query)) found.push_back(c.id.value);
  return found;
}

}  // namespace

TEST_CASE("the search form is lower case without accents, Nordic letters as plain Latin") {
  CHECK(search_form("Östlund") == "ostlund");
  CHECK(search_form("SØDERBERG Æble Åsa Straße") == "soderberg aeble asa strasse");
  CHECK(search_form("@Anna.BSKY.social") == "@anna.bsky.social");
  CHECK(search_form("Ελλάδα") == "ελλαδα");
}

TEST_CASE("the beginnings of words of name or organisation find contacts, whatever case and accents") {
  CHECK(ids({"ostl", "", 20}) == std::vector<std::int64_t>{2});
  CHECK(ids({"sod", "", 20}) == std::vector<std::int64_t>{3});
  CHECK(ids({"BERG", "", 20}) == std::vector<std::int64_t>{4});  // Lind-Berg; Søderberg's word begins with "sod"
  CHECK(ids({"anna", "", 20}) == std::vector<std::int64_t>{6, 1});
  CHECK(ids({"anna sv", "", 20}) == std::vector<std::int64_t>{1});
  CHECK(ids({"anna syd", "", 20}) == std::vector<std::int64_t>{6});
  CHECK(ids({"anna svensson", "", 20}) == std::vector<std::int64_t>{1});
  CHECK(ids({"nyheter", "", 20}) == std::vector<std::int64_t>{1, 5});
  CHECK(ids({"vensson", "", 20}).empty());
}

TEST_CASE("handles are found by their beginnings, with or without the @") {
  CHECK(ids({"@anna.b", "", 20}) == std::vector<std::int64_t>{1});
  CHECK(ids({"annasv", "", 20}) == std::vector<std::int64_t>{1});
  CHECK(ids({"@erik@jour", "", 20}) == std::vector<std::int64_t>{2});
  CHECK(ids({"@anna", "", 20}) == std::vector<std::int64_t>{1});  // an @ asks for handles only
}

TEST_CASE("a network keeps only contacts with a handle there, by name, at most the limit") {
  CHECK(ids({"", "x", 20}) == std::vector<std::int64_t>{1, 4, 5});
  CHECK(ids({"", "mastodon", 20}) == std::vector<std::int64_t>{2});
  CHECK(ids({"", "", 20}) == std::vector<std::int64_t>{6, 1, 4, 5, 2, 3});
  CHECK(ids({"", "", 2}) == std::vector<std::int64_t>{6, 1});
  CHECK(ids({"anna", "x", 20}) == std::vector<std::int64_t>{1});
}
