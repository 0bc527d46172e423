#pragma once
// Press contacts and their handles per network. The store keeps two
// things unique as a last guard (kanald says so in words first,
// contacts/contact_rules.h): a contact's name with its organisation, and a
// handle on a network — both compared without regard to case.

#include <Poco/Data/Session.h>

#include <optional>
#include <vector>

#include "contacts/press_contact.h"

namespace kanal::store {

class PressContactRepository {
 public:
  explicit PressContactRepository(Poco::Data::Session& session) : session_(session) {}

  // Every contact with its handles, by id.
  std::vector<contacts::PressContact> all();
  std::optional<contacts::PressContact> find(contacts::PressContactId id);
  // Stores a new contact (its id and times are set here); the contact as stored.
  contacts::PressContact add(const contacts::PressContact& contact, Timestamp at);
  // Name, organisation, role, notes and handles as `contact` has them.
  contacts::PressContact update(const contacts::PressContact& contact, Timestamp at);
  // Takes a contact's handles away, so that handles can move between
  // contacts in one transaction (an import) without two holding one.
  void clear_handles(contacts::PressContactId id);
  // False when there was no such contact.
  bool remove(contacts::PressContactId id);

 private:
  std::vector<contacts::PressContact> select(const std::string& where, Poco::Int64 key);
  void insert_handles(const contacts::PressContact& contact);

  Poco::Data::Session& session_;
};

}  // namespace kanal::store
