// What a press contact must be before kanald keeps it, and what no two
// contacts share.
#include <catch2/catch.hpp>

#include "contacts/contact_rules.h"

using namespace kanal;
using namespace kanal::contacts;

namespace {

const NetworkStyles kNetworks{
    {"x", MentionStyle::at_name}, {"mastodon", MentionStyle::at_name_host}, {"bluesky", MentionStyle::at_domain}};

PressContact anna() {
  PressContact c;
  c.name = "  Anna Svensson ";
  c.organisation = " Dagens Nyheter";
  c.handles = {{"x", "annasvensson"}, {"bluesky", " @anna.bsky.social "}, {"mastodon", ""}};
  return c;
}

std::vector<std::string> fields_of(const std::vector<ContactFault>& faults) {
  std::vector<std::string> fields;
  for (const auto& fault : faults) fields.push_back(fault.field);
  return fields;
}

}  // namespace

TEST_CASE("a contact is trimmed, its handles written as stored and sorted, empty ones dropped") {
  auto contact = anna();
  CHECK(prepare_contact(contact, kNetworks).empty());
  CHECK(contact.name == "Anna Svensson");
  CHECK(contact.organisation == "Dagens Nyheter");
  CHECK(contact.handles == std::vector<NetworkHandle>{{"bluesky", "@anna.bsky.social"}, {"x", "@annasvensson"}});
}

TEST_CASE("a contact needs a name, text in bounds, and handles its networks write") {
  PressContact nameless;
  nameless.name = "   ";
  CHECK(fields_of(prepare_contact(nameless, kNetworks)) == std::vector<std::string>{"name"});

  auto long_name = anna();
  long_name.name = std::string(kLongestName + 1, 'a');
  CHECK(fields_of(prepare_contact(long_name, kNetworks)) == std::vector<std::string>{"name"});
  auto longest = anna();
  longest.name.clear();
  for (std::size_t i = 0; i < kLongestName; ++i) longest.name += "å";  // 200 characters, 400 bytes
  CHECK(prepare_contact(longest, kNetworks).empty());

  auto broken = anna();
  broken.notes = "Ring \xff efter tio";
  CHECK(fields_of(prepare_contact(broken, kNetworks)) == std::vector<std::string>{"notes"});

  auto wrong = anna();
  wrong.handles = {{"x", "@anna.svensson"}, {"threads", "@anna"}, {"bluesky", "@anna"}};
  const auto faults = prepare_contact(wrong, kNetworks);
  CHECK(fields_of(faults) == std::vector<std::string>{"x", "threads", "bluesky"});
  CHECK(faults[1].message.find("no installed network plugin") != std::string::npos);
}

TEST_CASE("name and organisation tell contacts apart, case and spacing aside but not accents") {
  CHECK(identity_key("Anna Svensson", "DN") == identity_key("anna  SVENSSON ", " dn"));
  CHECK(identity_key("Åsa Ek", "SVT") == identity_key("ÅSA EK", "svt"));
  CHECK(identity_key("Åsa Ek", "SVT") != identity_key("Asa Ek", "SVT"));
  CHECK(identity_key("Anna Svensson", "DN") != identity_key("Anna Svensson", "SvD"));
}

TEST_CASE("no two contacts share a name at one organisation, nor a handle on a network") {
  auto stored = anna();
  prepare_contact(stored, kNetworks);
  stored.id = PressContactId{4};
  const ContactIndex index({stored});

  auto same_person = anna();
  prepare_contact(same_person, kNetworks);
  same_person.name = "ANNA SVENSSON";
  same_person.handles = {};
  REQUIRE(index.collisions(same_person).size() == 1);
  CHECK(index.collisions(same_person)[0].fault.field == "name");
  CHECK(index.collisions(same_person)[0].fault.message.find("contact 4") != std::string::npos);

  PressContact namesake;  // another Anna Svensson, elsewhere, with Anna's X handle in other case
  namesake.name = "Anna Svensson";
  namesake.organisation = "Sydsvenskan";
  namesake.handles = {{"x", "@AnnaSvensson"}, {"mastodon", "@annasvensson@mastodon.nu"}};
  REQUIRE(index.collisions(namesake).size() == 1);
  CHECK(index.collisions(namesake)[0].fault.field == "x");

  // A contact is itself, by id.
  CHECK(index.collisions(stored).empty());
  CHECK(index.named("anna svensson", "dagens nyheter") != nullptr);
  CHECK(index.named("Anna Svensson", "") == nullptr);
}
