// kanalctl audit verify [--anchor FILE] | anchor [--output FILE] | list [filters]
//                | export --from D --to D [--format jsonl|csv]
#include <iostream>

#include "cli/command_support.h"
#include "core/error.h"
#include "core/paths.h"

namespace kanal::cli {
namespace {

std::string query_of(const Arguments& args) {
  std::string query;
  const auto add = [&](const std::string& name, const std::string& value) {
    query += (query.empty() ? "" : "&") + name + "=" + value;
  };
  const auto option = [&](const char* name) {
    const auto it = args.options.find(name);
    return it == args.options.end() ? std::optional<std::string>() : it->second;
  };
  if (auto from = option("from")) add("from", time_parameter(*from, false));
  if (auto to = option("to")) add("to", time_parameter(*to, true));
  if (auto action = option("action")) add("action", *action);
  if (auto object = option("object")) {
    const auto colon = object->find(':');
    if (colon == std::string::npos) throw UsageError("--object is TYPE:ID, e.g. post:12");
    add("object_type", object->substr(0, colon));
    add("object_id", std::to_string(parse_positive(object->substr(colon + 1), "--object's id")));
  }
  return query;
}

}  // namespace

int run_audit_command(const Arguments& args, std::ostream& out) {
  const auto& command = args.command;
  if (command.size() != 2) throw UsageError("audit needs verify, anchor, list or export");
  client::ApiClient api(endpoint_for(args), 1);
  if (command[1] == "verify") {
    const auto anchor_file = args.options.find("anchor");
    const auto check = anchor_file == args.options.end()
                           ? api.verify_audit().get()
                           : api.verify_audit_against(wire::parse_audit_anchor(read_file(anchor_file->second))).get();
    if (args.json) {
      out << wire::to_json(check) << "\n";
    } else if (check.intact) {
      out << "The audit trail is intact: " << check.events << " events, each sealed to the one before";
      if (check.anchored_seq > 0) out << "; event " << check.anchored_seq << " is the one the anchor names";
      out << ".\n";
    } else {
      out << "The audit trail is BROKEN at event " << check.broken_seq << " (record " << check.broken_id
          << "): " << check.reason << ".\n";
    }
    return check.intact ? 0 : 1;
  }
  if (command[1] == "anchor") {
    const auto anchor = api.anchor_audit().get();
    const auto text = wire::to_json(anchor) + "\n";
    if (const auto file = args.options.find("output"); file != args.options.end()) {
      write_private_file(file->second, text);
      out << "The audit trail is anchored at event " << anchor.seq << " in " << file->second
          << ". Keep the file where the database's writers cannot reach it.\n";
    } else {
      out << text;
    }
    return 0;
  }
  if (command[1] == "list") {
    std::string query = query_of(args);
    const auto limit = args.options.find("limit");
    query += std::string(query.empty() ? "" : "&") +
             "limit=" + std::to_string(limit == args.options.end() ? 50 : parse_positive(limit->second, "--limit"));
    const auto page = api.audit(query).get();
    if (args.json) {
      out << wire::to_json(page) << "\n";
      return 0;
    }
    for (const auto& e : page.events) {
      out << e.seq << "  " << to_iso8601(e.at) << "  "
          << (e.actor ? "user " + std::to_string(e.actor->value) : "kanald") << "  " << e.action << "  "
          << e.object_type << " " << e.object_id << "\n";
    }
    if (page.events.empty()) out << "No audit events.\n";
    return 0;
  }
  if (command[1] == "export") {
    if (!args.options.count("from") || !args.options.count("to"))
      throw UsageError("audit export needs --from and --to");
    const auto format = args.options.count("format") ? args.options.at("format") : std::string("jsonl");
    if (format != "jsonl" && format != "csv") throw UsageError("--format is jsonl or csv");
    const std::string query = query_of(args) + "&format=" + format;
    const auto exported = [&] {
      if (const auto file = args.options.find("output"); file != args.options.end()) {
        return api.export_audit_to(query, file->second).get();
      }
      auto whole = api.export_audit(query).get();
      out << whole.body;
      return whole;
    }();
    // Said on stderr: the export itself may be standard output.
    if (exported.withheld > 0) {
      std::cerr << exported.withheld
                << " events of the period are about accounts closed to you and are not in this export.\n";
    }
    return 0;
  }
  throw UsageError("audit needs verify, anchor, list or export");
}

}  // namespace kanal::cli
