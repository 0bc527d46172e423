#include "api/server/press_contact_endpoints.h"

#include "api/server/press_contact_import.h"
#include "api/wire/press_contacts.h"
#include "contacts/contact_search.h"
#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "networks/plugin_registry.h"
#include "store/audit_repository.h"
#include "store/press_contact_repository.h"

namespace kanal::api {
namespace {

using contacts::PressContact;

constexpr std::size_t kLongestQuery = 200;

contacts::NetworkStyles network_styles(const networks::PluginRegistry& plugins) {
  contacts::NetworkStyles styles;
  for (const auto* descriptor : plugins.descriptors()) styles.emplace(descriptor->id, descriptor->text.mentions);
  return styles;
}

// A request's contact, made ready to store; the first fault refuses it.
PressContact contact_from(const Request& request, const contacts::NetworkStyles& styles) {
  auto body = wire::parse_press_contact_request(request.body);
  PressContact contact;
  contact.name = std::move(body.name);
  contact.organisation = std::move(body.organisation);
  contact.role = body.role;
  contact.notes = std::move(body.notes);
  contact.handles = std::move(body.handles);
  const auto faults = contacts::prepare_contact(contact, styles);
  if (!faults.empty()) {
    const auto& first = faults.front();
    const bool text = first.field == "name" || first.field == "organisation" || first.field == "notes";
    throw Error(ErrorCode::invalid_input, first.message, text ? first.field : "handles." + first.field);
  }
  return contact;
}

void refuse_collisions(const PressContact& contact, std::vector<PressContact> others) {
  const auto collisions = contacts::ContactIndex(std::move(others)).collisions(contact);
  if (collisions.empty()) return;
  const auto& first = collisions.front().fault;
  throw Error(ErrorCode::invalid_input, first.message, first.field == "name" ? "name" : "handles." + first.field);
}

PressContact require_contact(store::PressContactRepository& repository, const Request& request) {
  const contacts::PressContactId id{request.path_id("id", "press contact")};
  auto contact = repository.find(id);
  if (!contact) throw Error(ErrorCode::not_found, "no press contact " + std::to_string(id.value));
  return *contact;
}

// {"contact": {…}} or {"before": {…}, "after": {…}}, and the import's line.
std::string audit_detail(const std::optional<PressContact>& before, const std::optional<PressContact>& after,
                         int imported_from_line = 0) {
  return json::written([&](json::JsonWriter& w) {
    const auto raw = [&](const char* key, const PressContact& contact) {
      const auto text = wire::to_json(contact);
      w.Key(key);
      w.RawValue(text.c_str(), text.size(), rapidjson::kObjectType);
    };
    w.StartObject();
    if (before && after) {
      raw("before", *before);
      raw("after", *after);
    } else {
      raw("contact", before ? *before : *after);
    }
    if (imported_from_line > 0) {
      w.Key("imported_from_line");
      w.Int(imported_from_line);
    }
    w.EndObject();
  });
}

void audit(Poco::Data::Session& session, const Request& request, Timestamp at, const char* action,
           contacts::PressContactId id, const std::string& detail) {
  store::AuditRepository(session).append(AuditEvent{0, at, request.user, action, "press_contact", id.value, detail});
}

contacts::ContactQuery query_of(const Request& request, const contacts::NetworkStyles& styles) {
  contacts::ContactQuery query;
  query.text = request.query_value("q").value_or("");
  const auto length = utf8::code_points(query.text);
  if (!length || *length > kLongestQuery) {
    throw Error(ErrorCode::invalid_input, "q must be UTF-8 text of at most 200 characters", "q");
  }
  query.network = request.query_value("network").value_or("");
  if (!query.network.empty() && styles.count(query.network) == 0) {
    throw Error(ErrorCode::invalid_input,
                "no installed network plugin is called \"" + utf8::preview(utf8::repaired(query.network), 40) + "\"",
                "network");
  }
  const auto limit = request.query_positive("limit").value_or(wire::kDefaultPressContacts);
  if (limit > wire::kMostPressContacts) {
    throw Error(ErrorCode::invalid_input, "limit must be from 1 to " + std::to_string(wire::kMostPressContacts),
                "limit");
  }
  query.limit = static_cast<std::size_t>(limit);
  return query;
}

}  // namespace

void add_press_contact_endpoints(Router& router, store::Database& db, const networks::PluginRegistry& plugins,
                                 const Clock& clock) {
  router.add("GET", "/api/v1/press-contacts", Permission::read, [&db, &plugins](const Request& request) {
    const auto query = query_of(request, network_styles(plugins));
    const auto all = db.read([](Poco::Data::Session& session) { return store::PressContactRepository(session).all(); });
    return Response::json(200, wire::to_json(contacts::find_contacts(all, query)));
  });

  router.add("POST", "/api/v1/press-contacts", Permission::admin, [&db, &plugins, &clock](const Request& request) {
    const auto contact = contact_from(request, network_styles(plugins));
    const auto at = clock.now();
    const auto stored = db.transact([&](Poco::Data::Session& session) {
      store::PressContactRepository repository(session);
      refuse_collisions(contact, repository.all());
      const auto added = repository.add(contact, at);
      audit(session, request, at, "press_contact.create", added.id, audit_detail(std::nullopt, added));
      return added;
    });
    return Response::json(201, wire::to_json(stored));
  });

  router.add("PUT", "/api/v1/press-contacts/{id}", Permission::admin, [&db, &plugins, &clock](const Request& request) {
    auto contact = contact_from(request, network_styles(plugins));
    const auto at = clock.now();
    const auto stored = db.transact([&](Poco::Data::Session& session) {
      store::PressContactRepository repository(session);
      const auto before = require_contact(repository, request);
      contact.id = before.id;
      if (before.same_content(contact)) return before;
      refuse_collisions(contact, repository.all());
      const auto after = repository.update(contact, at);
      audit(session, request, at, "press_contact.update", after.id, audit_detail(before, after));
      return after;
    });
    return Response::json(200, wire::to_json(stored));
  });

  router.add("DELETE", "/api/v1/press-contacts/{id}", Permission::admin, [&db, &clock](const Request& request) {
    const auto at = clock.now();
    db.transact([&](Poco::Data::Session& session) {
      store::PressContactRepository repository(session);
      const auto contact = require_contact(repository, request);
      repository.remove(contact.id);
      audit(session, request, at, "press_contact.delete", contact.id, audit_detail(contact, std::nullopt));
    });
    return Response::empty(204);
  });

  // All or nothing: the directory is, after an import, what the file says
  // (or as it was) — never a state that matches no file anyone holds, half
  // of a list whose other half still names last year's handles. A fault is
  // fixed in the file and the file imported again; rows already in match
  // by name and organisation and change nothing.
  router.add_upload("POST", "/api/v1/press-contacts/import", Permission::admin,
                    [&db, &plugins, &clock](const Request& request) {
                      const auto styles = network_styles(plugins);
                      const auto at = clock.now();
                      const auto imported = db.transact([&](Poco::Data::Session& session) {
                        store::PressContactRepository repository(session);
                        const auto plan = plan_press_import(request.body, repository.all(), styles);
                        wire::PressImportResult result;
                        result.faults = plan.faults;
                        if (!plan.faults.empty()) return result;
                        // Handles may move between contacts: take them all away first.
                        for (const auto& entry : plan.updated) repository.clear_handles(entry.contact.id);
                        for (const auto& entry : plan.updated) {
                          const auto after = repository.update(entry.contact, at);
                          audit(session, request, at, "press_contact.update", after.id,
                                audit_detail(entry.before, after, entry.line));
                        }
                        for (const auto& entry : plan.added) {
                          const auto added = repository.add(entry.contact, at);
                          audit(session, request, at, "press_contact.create", added.id,
                                audit_detail(std::nullopt, added, entry.line));
                        }
                        result.added = static_cast<std::int64_t>(plan.added.size());
                        result.updated = static_cast<std::int64_t>(plan.updated.size());
                        result.unchanged = plan.unchanged;
                        return result;
                      });
                      if (!imported.faults.empty()) {
                        Response response = Response::json(422, wire::to_json(imported));
                        response.content_type = "application/problem+json";
                        return response;
                      }
                      return Response::json(200, wire::to_json(imported));
                    },
                    kMostPressImportBytes, {"text/csv"});
}

}  // namespace kanal::api
