// kanalctl contacts list|import: the workspace's press contacts.
#include <iomanip>
#include <iostream>

#include "cli/command_support.h"
#include "core/utf8.h"

namespace kanal::cli {
namespace {

std::string handles_in_words(const contacts::PressContact& contact) {
  std::string words;
  for (const auto& handle : contact.handles)
    words += (words.empty() ? "" : ", ") + handle.network + " " + handle.handle;
  return words;
}

// Padded by characters, not bytes, so Nordic names line up.
std::string padded(const std::string& text, std::size_t width) {
  auto shown = utf8::preview(text, width - 1);
  const auto length = utf8::code_points(shown).value_or(shown.size());
  return shown + std::string(width > length ? width - length : 1, ' ');
}

void print_contacts(std::ostream& out, const std::vector<contacts::PressContact>& found) {
  if (found.empty()) {
    out << "No press contacts.\n";
    return;
  }
  out << padded("ID", 6) << padded("NAME", 26) << padded("ORGANISATION", 24) << padded("ROLE", 12) << "HANDLES\n";
  for (const auto& contact : found) {
    out << padded(std::to_string(contact.id.value), 6) << padded(contact.name, 26) << padded(contact.organisation, 24)
        << padded(std::string(contacts::to_string(contact.role)), 12) << handles_in_words(contact) << "\n";
  }
}

}  // namespace

int run_contacts_command(const Arguments& args, std::ostream& out) {
  const auto& command = args.command;
  const auto action = command.size() > 1 ? command[1] : "list";
  client::ApiClient api(endpoint_for(args), 1);
  if (action == "list") {
    wire::PressContactQuery query;
    for (std::size_t i = 2; i < command.size(); ++i) query.text += (query.text.empty() ? "" : " ") + command[i];
    if (const auto network = args.options.find("network"); network != args.options.end()) {
      query.network = network->second;
    }
    if (const auto limit = args.options.find("limit"); limit != args.options.end()) {
      query.limit = parse_positive(limit->second, "--limit");
    }
    const auto found = api.press_contacts(query).get();
    if (args.json) {
      out << wire::to_json(found) << "\n";
    } else {
      print_contacts(out, found);
    }
    return 0;
  }
  if (action == "import" && command.size() == 3) {
    const auto result = api.import_press_contacts(read_file(command[2])).get();
    if (args.json) {
      out << wire::to_json(result) << "\n";
    } else if (!result.faults.empty()) {
      print_import_faults(out, command[2], result.faults);
    } else {
      out << result.added << " added, " << result.updated << " updated, " << result.unchanged << " unchanged.\n";
    }
    return result.faults.empty() ? 0 : 1;
  }
  throw UsageError("contacts needs list [--network ID] [QUERY] or import FILE.csv");
}

}  // namespace kanal::cli
