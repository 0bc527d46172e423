#include "api/server/press_contact_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/csv.h"
#include "core/error.h"
#include "core/utf8.h"

namespace kanal::api {
namespace {

constexpr std::size_t kMostFaults = 200;  // a file wrong throughout says so without a 5,000-line answer

const std::set<std::string> kFields{"name", "organisation", "role", "notes"};

std::string lower_ascii(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string installed(const contacts::NetworkStyles& networks) {
  std::string names;
  for (const auto& [id, style] : networks) names += (names.empty() ? "" : ", ") + id;
  return names.empty() ? "none is installed" : names;
}

// Column name → index; network columns apart. Faults on line 1.
struct Header {
  std::map<std::string, std::size_t> fields;
  std::map<std::string, std::size_t> networks;
};

Header read_header(const csv::Row& row, const contacts::NetworkStyles& networks,
                   std::vector<wire::ImportFault>& faults) {
  Header header;
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    if (!utf8::is_valid(row.fields[i])) {
      faults.push_back({1, "", "the header is not valid UTF-8 (save the file as UTF-8)"});
      return header;
    }
    auto name = lower_ascii(trimmed(row.fields[i]));
    if (name == "organization") name = "organisation";
    const auto shown = utf8::preview(name, 40);
    const bool field = kFields.count(name) != 0;
    if (!field && networks.find(name) == networks.end()) {
      faults.push_back({1, shown,
                        "unknown column \"" + shown + "\": the columns are name, organisation, role, notes and " +
                            "one per installed network (" + installed(networks) + ")"});
      continue;
    }
    auto& columns = field ? header.fields : header.networks;
    if (!columns.emplace(name, i).second) faults.push_back({1, shown, "the column \"" + shown + "\" is twice"});
  }
  if (header.fields.count("name") == 0) faults.push_back({1, "name", "the column \"name\" is missing"});
  return header;
}

std::optional<std::string> cell(const csv::Row& row, const std::map<std::string, std::size_t>& columns,
                                const std::string& name) {
  const auto at = columns.find(name);
  if (at == columns.end()) return std::nullopt;
  return at->second < row.fields.size() ? row.fields[at->second] : std::string();
}

class Planner {
 public:
  Planner(const std::vector<contacts::PressContact>& existing, const contacts::NetworkStyles& networks)
      : existing_(existing), networks_(networks) {}

  void row(const csv::Row& row, const Header& header, PressImportPlan& plan) {
    auto fault = [&](const std::string& column, std::string message) {
      plan.faults.push_back({row.line, column, std::move(message)});
    };
    const auto name = trimmed(cell(row, header.fields, "name").value_or(""));
    const auto organisation = cell(row, header.fields, "organisation");
    if (!utf8::is_valid(name) || (organisation && !utf8::is_valid(*organisation))) {
      fault(utf8::is_valid(name) ? "organisation" : "name", "not valid UTF-8 (save the file as UTF-8)");
      return;
    }
    const auto* before = existing_.named(name, trimmed(organisation.value_or("")));
    const auto key = contacts::identity_key(name, trimmed(organisation.value_or("")));
    if (const auto seen = lines_.find(key); seen != lines_.end() && !name.empty()) {
      fault("name", "the same contact as line " + std::to_string(seen->second) + " (name and organisation)");
      return;
    }
    lines_.emplace(key, row.line);

    contacts::PressContact contact = before != nullptr ? *before : contacts::PressContact{};
    if (before == nullptr) contact.role = contacts::PressRole::other;
    contact.name = name;
    if (organisation) contact.organisation = *organisation;
    if (const auto notes = cell(row, header.fields, "notes")) contact.notes = *notes;
    if (const auto role = cell(row, header.fields, "role")) {
      const auto text = lower_ascii(trimmed(*role));
      const auto parsed = text.empty() ? contacts::PressRole::other : contacts::parse_press_role(text);
      if (!parsed) {
        fault("role", "\"" + (utf8::is_valid(text) ? utf8::preview(text, 40) : std::string("?")) +
                          "\" is not a role: journalist, editor, politician or other");
      } else {
        contact.role = *parsed;
      }
    }
    // The file's networks are as the file says; the others stay unchecked
    // as they were (their plugin may be gone).
    std::vector<contacts::NetworkHandle> kept;
    for (auto& handle : contact.handles) {
      if (header.networks.count(handle.network) == 0) kept.push_back(std::move(handle));
    }
    contact.handles.clear();
    for (const auto& [network, column] : header.networks) {
      contact.handles.push_back({network, column < row.fields.size() ? row.fields[column] : std::string()});
    }
    for (const auto& problem : contacts::prepare_contact(contact, networks_)) {
      fault(problem.field, problem.message);
    }
    for (auto& handle : kept) contact.handles.push_back(std::move(handle));
    contacts::sort_handles(contact.handles);

    if (before != nullptr && before->same_content(contact)) {
      ++plan.unchanged;
    } else if (before != nullptr) {
      plan.updated.push_back({row.line, contact, *before});
    } else {
      contact.id = contacts::PressContactId{-row.line};  // apart from the others until stored
      plan.added.push_back({row.line, contact, std::nullopt});
    }
  }

  // Two contacts after the import holding one handle: said on the later row.
  void check_collisions(PressImportPlan& plan) {
    std::map<std::int64_t, int> line_of;
    std::map<std::int64_t, const contacts::PressContact*> planned;
    for (const auto* list : {&plan.added, &plan.updated}) {
      for (const auto& entry : *list) {
        line_of[entry.contact.id.value] = entry.line;
        planned[entry.contact.id.value] = &entry.contact;
      }
    }
    std::vector<contacts::PressContact> after;
    for (const auto& contact : existing_.contacts()) {
      if (planned.count(contact.id.value) == 0) after.push_back(contact);
    }
    for (const auto& [id, contact] : planned) after.push_back(*contact);
    const contacts::ContactIndex index(std::move(after));
    for (const auto& [id, contact] : planned) {
      for (const auto& collision : index.collisions(*contact)) {
        const auto other = line_of.find(collision.other->id.value);
        if (other != line_of.end() && other->second > line_of[id]) continue;
        const auto where = other != line_of.end() ? " (line " + std::to_string(other->second) + ")" : "";
        plan.faults.push_back({line_of[id], collision.fault.field, collision.fault.message + where});
      }
    }
  }

 private:
  contacts::ContactIndex existing_;
  const contacts::NetworkStyles& networks_;
  std::map<std::string, int> lines_;  // identity → the line that named it first
};

}  // namespace

PressImportPlan plan_press_import(std::string_view csv, const std::vector<contacts::PressContact>& existing,
                                  const contacts::NetworkStyles& networks) {
  PressImportPlan plan;
  std::vector<csv::Row> rows;
  try {
    rows = csv::parse(csv);
  } catch (const Error& e) {
    const auto& where = e.field();  // "line N"
    plan.faults.push_back({where.rfind("line ", 0) == 0 ? std::stoll(where.substr(5)) : 0, "", e.detail()});
    return plan;
  }
  if (rows.empty()) {
    plan.faults.push_back({1, "", "the file is empty: it needs a header row and a row per contact"});
    return plan;
  }
  if (rows.size() - 1 > kMostImportedContacts) {
    plan.faults.push_back({1, "", "at most " + std::to_string(kMostImportedContacts) + " contacts at once"});
    return plan;
  }
  const auto header = read_header(rows.front(), networks, plan.faults);
  if (!plan.faults.empty()) return plan;

  Planner planner(existing, networks);
  for (std::size_t r = 1; r < rows.size(); ++r) planner.row(rows[r], header, plan);
  planner.check_collisions(plan);
  if (!plan.faults.empty()) {
    std::stable_sort(plan.faults.begin(), plan.faults.end(),
                     [](const wire::ImportFault& a, const wire::ImportFault& b) { return a.line < b.line; });
    if (plan.faults.size() > kMostFaults) {
      const auto more = plan.faults.size() - kMostFaults;
      plan.faults.resize(kMostFaults);
      plan.faults.push_back({0, "", "and " + std::to_string(more) + " faults more"});
    }
    plan.added.clear();
    plan.updated.clear();
    plan.unchanged = 0;
  }
  return plan;
}

}  // namespace kanal::api
