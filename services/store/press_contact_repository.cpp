#include "store/press_contact_repository.h"

#include <Poco/Data/Statement.h>

#include <map>

#include "contacts/contact_rules.h"
#include "contacts/handle_syntax.h"
#include "core/error.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {

using contacts::PressContact;
using contacts::PressContactId;

std::vector<PressContact> PressContactRepository::select(const std::string& where, Int64 key) {
  std::vector<Int64> ids, created, updated;
  std::vector<std::string> names, organisations, roles, notes;
  session_ << "SELECT id, name, organisation, role, notes, created_at, updated_at FROM press_contacts WHERE " + where +
                  " ORDER BY id",
      into(ids), into(names), into(organisations), into(roles), into(notes), into(created), into(updated), use(key),
      now;
  std::vector<Int64> owners;
  std::vector<std::string> networks, handles;
  session_ << "SELECT contact_id, network, handle FROM press_contact_handles WHERE contact_id IN "
              "(SELECT id FROM press_contacts WHERE " +
                  where + ") ORDER BY contact_id, network",
      into(owners), into(networks), into(handles), use(key), now;
  std::map<Int64, std::vector<contacts::NetworkHandle>> handles_of;
  for (std::size_t i = 0; i < owners.size(); ++i) handles_of[owners[i]].push_back({networks[i], handles[i]});

  std::vector<PressContact> found;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    PressContact contact;
    contact.id = PressContactId{ids[i]};
    contact.name = names[i];
    contact.organisation = organisations[i];
    contact.role = contacts::parse_press_role(roles[i]).value_or(contacts::PressRole::other);
    contact.notes = notes[i];
    contact.handles = std::move(handles_of[ids[i]]);
    contact.created_at = from_unix_ms(created[i]);
    contact.updated_at = from_unix_ms(updated[i]);
    found.push_back(std::move(contact));
  }
  return found;
}

std::vector<PressContact> PressContactRepository::all() { return select("id > $1", 0); }

std::optional<PressContact> PressContactRepository::find(PressContactId id) {
  auto found = select("id = $1", id.value);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

void PressContactRepository::insert_handles(const PressContact& contact) {
  for (const auto& handle : contact.handles) {
    Int64 owner = contact.id.value;
    std::string network = handle.network;
    std::string written = handle.handle;
    std::string key = contacts::handle_key(handle.handle);
    session_ << "INSERT INTO press_contact_handles (contact_id, network, handle, handle_key) VALUES ($1, $2, $3, $4)",
        use(owner), use(network), use(written), use(key), now;
  }
}

PressContact PressContactRepository::add(const PressContact& contact, Timestamp at) {
  std::string name = contact.name;
  std::string organisation = contact.organisation;
  std::string role{contacts::to_string(contact.role)};
  std::string notes = contact.notes;
  std::string identity = contacts::identity_key(contact.name, contact.organisation);
  Int64 when = to_unix_ms(at);
  Int64 id = 0;
  session_ << "INSERT INTO press_contacts (name, organisation, role, notes, identity_key, created_at, updated_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      use(name), use(organisation), use(role), use(notes), use(identity), use(when), use(when), into(id), now;
  auto stored = contact;
  stored.id = PressContactId{id};
  stored.created_at = stored.updated_at = from_unix_ms(when);
  insert_handles(stored);
  return stored;
}

PressContact PressContactRepository::update(const PressContact& contact, Timestamp at) {
  std::string name = contact.name;
  std::string organisation = contact.organisation;
  std::string role{contacts::to_string(contact.role)};
  std::string notes = contact.notes;
  std::string identity = contacts::identity_key(contact.name, contact.organisation);
  Int64 when = to_unix_ms(at);
  Int64 id = contact.id.value;
  Poco::Data::Statement statement(session_);
  statement << "UPDATE press_contacts SET name = $1, organisation = $2, role = $3, notes = $4, identity_key = $5, "
               "updated_at = $6 WHERE id = $7",
      use(name), use(organisation), use(role), use(notes), use(identity), use(when), use(id);
  if (statement.execute() == 0) throw Error(ErrorCode::not_found, "no press contact " + std::to_string(id));
  clear_handles(contact.id);
  insert_handles(contact);
  return *find(contact.id);
}

void PressContactRepository::clear_handles(PressContactId id) {
  Int64 key = id.value;
  session_ << "DELETE FROM press_contact_handles WHERE contact_id = $1", use(key), now;
}

bool PressContactRepository::remove(PressContactId id) {
  clear_handles(id);
  Int64 key = id.value;
  Poco::Data::Statement statement(session_);
  statement << "DELETE FROM press_contacts WHERE id = $1", use(key);
  return statement.execute() > 0;
}

}  // namespace kanal::store
