// kanalctl text check --network N [--lang L] [--limit N] [--json | --jsonl] [TEXT]
// kanalctl text split --network N [--limit N] [--numbered] TEXT
// Runs Kanal's text rules locally (no kanald needed), for scripts and for
// checking Kanal against other implementations. A network's rules come from
// its plugin's descriptor, read from the plugin libraries beside kanalctl;
// --counting weighted|graphemes|code_points names a rule without a network.
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <limits>
#include <string>

#include "api/wire/networks.h"
#include "api/wire/text.h"
#include "cli/command_support.h"
#include "core/error.h"
#include "core/json.h"
#include "core/paths.h"
#include "kanal/plugin/catalog.h"
#include "text/network_count.h"
#include "text/plain_language.h"
#include "text/thread_split.h"

namespace kanal::cli {
namespace {

// The networks whose plugins are installed beside kanalctl (or in
// KANAL_PLUGIN_DIR), as their descriptors say.
std::vector<NetworkDescriptor> installed_networks() {
  const char* dir = std::getenv("KANAL_PLUGIN_DIR");
  return plugin::read_descriptors(dir != nullptr && *dir != '\0' ? std::filesystem::path(dir)
                                                                 : plugin::default_plugin_dir(program_path()));
}

// The rules to count by, and the network's name for people ("" for a rule).
std::pair<text::CountRules, std::string> rules_from(const Arguments& args) {
  text::CountRules rules;
  std::string name;
  const auto network_option = args.options.find("network");
  const auto counting_option = args.options.find("counting");
  if (network_option != args.options.end()) {
    const auto networks = installed_networks();
    const auto* network = wire::find_network(networks, network_option->second);
    if (network == nullptr) {
      std::string known;
      for (const auto& n : networks) known += (known.empty() ? "" : ", ") + n.id;
      throw UsageError("no network '" + network_option->second +
                       "' is installed (installed: " + (known.empty() ? "none" : known) + ")");
    }
    rules = text::count_rules(network->text);
    name = network->display_name;
  } else if (counting_option != args.options.end()) {
    const auto counting = parse_counting(counting_option->second);
    if (!counting) throw UsageError("--counting is weighted, graphemes or code_points");
    rules.counting = *counting;
    rules.links_without_scheme = *counting == Counting::weighted;
    if (args.options.count("limit") == 0) throw UsageError("--counting needs --limit");
  } else {
    throw UsageError("text needs --network N (an installed network) or --counting RULE --limit N");
  }
  if (const auto limit = args.options.find("limit"); limit != args.options.end()) {
    rules.limit = static_cast<std::size_t>(parse_positive(limit->second, "--limit"));
  }
  if (const auto per_url = args.options.find("url-length"); per_url != args.options.end()) {
    rules.characters_per_url = static_cast<std::size_t>(parse_positive(per_url->second, "--url-length"));
  }
  return {rules, name};
}

text::CheckOptions check_options(const Arguments& args) {
  text::CheckOptions options;
  if (const auto lang = args.options.find("lang"); lang != args.options.end()) options.language = lang->second;
  return options;
}

void print_human(std::ostream& out, const text::Count& count, const text::CheckResult& plain,
                 const std::string& network) {
  out << count.count << "/" << count.limit << " " << count.unit << (network.empty() ? "" : " on " + network) << ": "
      << (count.valid ? "fits" : "too long or refused") << "\n";
  for (const auto& span : count.overflow) {
    out << "  over the limit: characters " << span.start << "–" << span.end << "\n";
  }
  if (plain.readability) {
    out << "  " << text::to_string(plain.readability->measure) << " " << std::fixed << std::setprecision(1)
        << plain.readability->score << "\n";
  }
  if (plain.needs_expert_check) out << "  mentions rights or entitlements: needs a subject expert's check\n";
  for (const auto& hint : plain.hints) {
    out << "  [" << text::to_string(hint.severity) << "] ";
    if (hint.span) out << hint.span->start << "–" << hint.span->end << " ";
    out << hint.message << " — " << hint.suggestion << "\n";
  }
}

// --jsonl: one JSON string per input line, one JSON result per output line.
// A bad line gets an error object on its line; the rest go on.
int check_lines(std::istream& in, std::ostream& out, const text::CountRules& rules, const text::CheckOptions& options) {
  int failures = 0;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    try {
      const auto doc = json::parse_json(line);
      if (!doc.IsString()) throw Error(ErrorCode::invalid_input, "each line must be one JSON string");
      const std::string input(doc.GetString(), doc.GetStringLength());
      out << wire::to_json(text::count_text(input, rules), text::check_plain_language(input, options)) << "\n";
    } catch (const Error& e) {
      ++failures;
      rapidjson::StringBuffer buffer;
      json::JsonWriter w(buffer);
      w.StartObject();
      w.Key("line");
      w.Uint64(number);
      json::write_string(w, "error", e.detail());
      w.EndObject();
      out << json::to_string(buffer) << "\n";
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int run_text_command(const Arguments& args, std::istream& in, std::ostream& out) {
  const auto& command = args.command;
  if (command.size() < 2 || (command[1] != "check" && command[1] != "split")) {
    throw UsageError("text needs check or split");
  }
  const auto [rules, network] = rules_from(args);
  if (command[1] == "check" && args.flags.count("jsonl")) {
    if (command.size() > 2) throw UsageError("--jsonl reads the texts from standard input");
    return check_lines(in, out, rules, check_options(args));
  }
  if (command.size() != 3) throw UsageError("text " + command[1] + " needs the text as one argument");
  const std::string& input = command[2];
  if (command[1] == "split") {
    const auto parts = text::split_thread(input, rules, {.numbering = args.flags.count("numbered") > 0});
    for (std::size_t i = 0; i < parts.size(); ++i) out << (i == 0 ? "" : "\n---\n") << parts[i];
    out << "\n";
    return 0;
  }
  const text::Count count = text::count_text(input, rules);
  const text::CheckResult plain = text::check_plain_language(input, check_options(args));
  if (args.json) {
    out << wire::to_json(count, plain) << "\n";
  } else {
    print_human(out, count, plain, network);
  }
  return count.valid ? 0 : 1;
}

}  // namespace kanal::cli
