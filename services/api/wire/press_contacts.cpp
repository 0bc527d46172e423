#include "api/wire/press_contacts.h"

#include <limits>

#include "contacts/contact_rules.h"
#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::write_string;

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kLongestNetworkId = 64;
constexpr std::size_t kLongestHandle = 300;
constexpr std::size_t kMostHandles = 50;

void write_contact(JsonWriter& w, const contacts::PressContact& contact) {
  w.StartObject();
  w.Key("id");
  w.Int64(contact.id.value);
  write_string(w, "name", contact.name);
  write_string(w, "organisation", contact.organisation);
  write_string(w, "role", contacts::to_string(contact.role));
  write_string(w, "notes", contact.notes);
  w.Key("handles");
  w.StartObject();
  for (const auto& handle : contact.handles) write_string(w, handle.network.c_str(), handle.handle);
  w.EndObject();
  write_string(w, "created_at", to_iso8601(contact.created_at));
  write_string(w, "updated_at", to_iso8601(contact.updated_at));
  w.EndObject();
}

contacts::PressRole read_role(ObjectReader& reader) {
  const auto text = reader.optional_string("role", 32);
  if (!text) return contacts::PressRole::other;
  const auto role = contacts::parse_press_role(*text);
  if (!role) {
    throw Error(ErrorCode::invalid_input, "role must be journalist, editor, politician or other", reader.field("role"));
  }
  return *role;
}

// {"x": "@anna", …}: strings by network id.
std::vector<contacts::NetworkHandle> read_handles(ObjectReader& reader) {
  std::vector<contacts::NetworkHandle> handles;
  const auto* object = reader.optional_object("handles");
  if (object == nullptr) return handles;
  if (object->MemberCount() > kMostHandles) {
    throw Error(ErrorCode::invalid_input, "at most " + std::to_string(kMostHandles) + " handles",
                reader.field("handles"));
  }
  for (const auto& member : object->GetObject()) {
    const std::string network(member.name.GetString(), member.name.GetStringLength());
    const auto field = reader.field("handles.") + network;
    if (network.empty() || network.size() > kLongestNetworkId) {
      throw Error(ErrorCode::invalid_input, "handles are named by a network's id (GET /api/v1/networks)", field);
    }
    if (!member.value.IsString() || member.value.GetStringLength() > kLongestHandle) {
      throw Error(ErrorCode::invalid_input, "a handle is a short string, e.g. \"@anna\"", field);
    }
    handles.push_back({network, std::string(member.value.GetString(), member.value.GetStringLength())});
  }
  return handles;
}

contacts::PressContact read_contact(const rapidjson::Value& value, const std::string& path) {
  ObjectReader reader(value, path);
  contacts::PressContact contact;
  contact.id = contacts::PressContactId{reader.required_int("id", 1, kMaxId)};
  contact.name = reader.required_string("name", contacts::kLongestName);
  contact.organisation = reader.optional_string("organisation", contacts::kLongestOrganisation).value_or("");
  contact.role = read_role(reader);
  contact.notes = reader.optional_string("notes", contacts::kLongestNotes).value_or("");
  contact.handles = read_handles(reader);
  contacts::sort_handles(contact.handles);
  contact.created_at = reader.required_time("created_at");
  contact.updated_at = reader.required_time("updated_at");
  return contact;
}

}  // namespace

std::string to_json(const contacts::PressContact& contact) {
  return json::written([&](JsonWriter& w) { write_contact(w, contact); });
}

std::string to_json(const std::vector<contacts::PressContact>& contacts) {
  return json::written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& contact : contacts) write_contact(w, contact);
    w.EndArray();
  });
}

contacts::PressContact parse_press_contact(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "a press contact must be a JSON object");
  return read_contact(doc, "");
}

std::vector<contacts::PressContact> parse_press_contacts(std::string_view body) {
  const auto doc = json::parse_json(body);
  std::vector<contacts::PressContact> contacts;
  for (const auto& item : json::require_array(doc).GetArray()) {
    if (!item.IsObject()) throw Error(ErrorCode::malformed_json, "a press contact must be a JSON object");
    contacts.push_back(read_contact(item, "[" + std::to_string(contacts.size()) + "]."));
  }
  return contacts;
}

std::string to_json(const PressContactRequest& request) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "name", request.name);
    write_string(w, "organisation", request.organisation);
    write_string(w, "role", contacts::to_string(request.role));
    write_string(w, "notes", request.notes);
    w.Key("handles");
    w.StartObject();
    for (const auto& handle : request.handles) write_string(w, handle.network.c_str(), handle.handle);
    w.EndObject();
    w.EndObject();
  });
}

PressContactRequest parse_press_contact_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::invalid_input, "the body must be a JSON object");
  ObjectReader reader(doc);
  PressContactRequest request;
  request.name = reader.required_string("name", contacts::kLongestName);
  request.organisation = reader.optional_string("organisation", contacts::kLongestOrganisation).value_or("");
  request.role = read_role(reader);
  request.notes = reader.optional_string("notes", contacts::kLongestNotes).value_or("");
  request.handles = read_handles(reader);
  reader.reject_unknown();
  return request;
}

std::string to_json(const PressImportResult& result) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    write_import_problem(w, result.faults);
    w.Key("added");
    w.Int64(result.added);
    w.Key("updated");
    w.Int64(result.updated);
    w.Key("unchanged");
    w.Int64(result.unchanged);
    write_import_faults(w, result.faults);
    w.EndObject();
  });
}

PressImportResult parse_press_import_result(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "an import's answer must be a JSON object");
  ObjectReader reader(doc);
  PressImportResult result;
  result.added = reader.optional_int("added", 0, kMaxId).value_or(0);
  result.updated = reader.optional_int("updated", 0, kMaxId).value_or(0);
  result.unchanged = reader.optional_int("unchanged", 0, kMaxId).value_or(0);
  result.faults = read_import_faults(reader);
  return result;
}

}  // namespace kanal::wire
