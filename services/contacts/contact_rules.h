#pragma once
// What a press contact must be before kanald keeps it, for the API and the
// CSV import alike: a name, text within bounds and in UTF-8, handles only on
// networks an installed plugin knows, each written as its network writes
// them; and what no two contacts share — the name with the organisation
// (two Anna Svenssons at two papers are two people, at one paper they are
// one), and a handle on a network (it names one account).

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "contacts/press_contact.h"
#include "core/network_descriptor.h"

namespace kanal::contacts {

constexpr std::size_t kLongestName = 200;  // code points
constexpr std::size_t kLongestOrganisation = 200;
constexpr std::size_t kLongestNotes = 2000;

// The mention style of every network an installed plugin knows, by its id.
using NetworkStyles = std::map<std::string, MentionStyle, std::less<>>;

struct ContactFault {
  std::string field;  // "name", "organisation", "notes", "handles", or a network's id
  std::string message;
};

// Trims `contact`'s text, drops empty handles, writes the others as stored
// (an @ first) and sorts them; returns what is wrong with it.
std::vector<ContactFault> prepare_contact(PressContact& contact, const NetworkStyles& networks);

// The name and organisation in the form contacts are told apart by: case
// and spacing aside, accents kept (Åsa and Asa are two people).
std::string identity_key(std::string_view name, std::string_view organisation);

// Contacts by what no two may share, to find where a new or changed one
// collides with them.
class ContactIndex {
 public:
  explicit ContactIndex(std::vector<PressContact> contacts);

  struct Collision {
    ContactFault fault;
    const PressContact* other = nullptr;  // in the index
  };
  // Where `contact` collides with an indexed contact; one with the same
  // (non-zero) id is itself, and skipped.
  std::vector<Collision> collisions(const PressContact& contact) const;
  // The indexed contact with this name and organisation, or nullptr.
  const PressContact* named(std::string_view name, std::string_view organisation) const;
  const std::vector<PressContact>& contacts() const { return contacts_; }

 private:
  std::vector<PressContact> contacts_;
  std::multimap<std::string, std::size_t> by_identity_;
  std::multimap<std::string, std::size_t> by_handle_;  // network, a line break, handle_key
};

}  // namespace kanal::contacts
