// kanalctl document list | show NAME | import NAME FILE — the workspace's
// documents (approval policy, templates, word lists, moderation);
// kanalctl policy show | import FILE — the approval policy, for short.
#include <fstream>
#include <sstream>

#include "cli/command_support.h"
#include "core/error.h"
#include "core/utf8.h"

namespace kanal::cli {
namespace {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  if (!utf8::is_valid(text.str())) throw Error(ErrorCode::invalid_input, path + " is not UTF-8 text");
  return text.str();
}

int show_or_import(client::ApiClient& api, const std::string& name, const std::vector<std::string>& rest,
                   std::ostream& out) {
  if (rest.empty()) {
    out << api.document(name).get().content;
    return 0;
  }
  const auto changed = api.replace_document(name, {read_text_file(rest.front()), std::nullopt}).get();
  out << changed.title << " is now the one in " << rest.front() << " (revision " << changed.revision << ").\n";
  return 0;
}

}  // namespace

int run_document_command(const Arguments& args, std::ostream& out) {
  const auto& command = args.command;
  client::ApiClient api(endpoint_for(args), 1);
  if (command[0] == "policy") {
    if (command.size() == 2 && command[1] == "show") return show_or_import(api, "approval-policy", {}, out);
    if (command.size() == 3 && command[1] == "import") return show_or_import(api, "approval-policy", {command[2]}, out);
    throw UsageError("policy needs show, or import FILE");
  }
  if (command.size() == 2 && command[1] == "list") {
    for (const auto& document : api.documents().get()) {
      out << document.name << "\t" << document.title << "\trevision " << document.revision;
      if (document.changed_at) {
        out << ", changed " << to_iso8601(*document.changed_at)
            << (document.changed_by.empty() ? "" : " by " + document.changed_by);
      }
      out << "\n";
    }
    return 0;
  }
  if (command.size() == 3 && command[1] == "show") return show_or_import(api, command[2], {}, out);
  if (command.size() == 4 && command[1] == "import") return show_or_import(api, command[2], {command[3]}, out);
  throw UsageError("document needs list, show NAME, or import NAME FILE");
}

}  // namespace kanal::cli
