#include "cli/command_support.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/paths.h"

namespace kanal::cli {

client::Endpoint endpoint_for(const Arguments& args, Identity identity) {
  auto token = args.token;
  if (!token) {
    if (const char* env = std::getenv("KANAL_TOKEN"); env && *env) token = env;
  }
  if (token && args.as_owner)
    throw UsageError("--as-owner and a session token (--token, KANAL_TOKEN) exclude each other");
  if (args.server) {
    if (args.as_owner) throw UsageError("--as-owner is for this desktop's own kanald, not --server");
    if (!token && identity == Identity::required) throw UsageError("--server needs a token: --token or KANAL_TOKEN");
    return client::Endpoint{*args.server, token.value_or("")};
  }
  auto local = client::discover_local(args.data_dir.value_or(""));
  if (!local) {
    throw Error(ErrorCode::unreachable,
                "no local kanald is running for this workspace (start the desktop app, or run kanald)");
  }
  if (token) {
    local->token = *token;
  } else if (!args.as_owner) {
    if (identity == Identity::required) {
      throw UsageError(
          "kanalctl acts as a person: sign in ('kanalctl sign-in LOGIN') and pass the token with --token or "
          "KANAL_TOKEN, or act as this desktop's owner with --as-owner");
    }
    local->token.clear();
  }
  return *local;
}

std::int64_t parse_id(const std::vector<std::string>& command, std::size_t at) {
  if (command.size() <= at) throw UsageError("an id is required");
  if (command.size() > at + 1) throw UsageError("unexpected argument '" + command[at + 1] + "'");
  std::int64_t id = 0;
  const auto& text = command[at];
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
    throw UsageError("'" + text + "' is not an id");
  }
  return id;
}

std::string read_file(const std::string& path) {
  auto text = read_whole_file(path);
  if (!text) throw Error(ErrorCode::invalid_input, "cannot read " + path, "file");
  return std::move(*text);
}

std::int64_t parse_positive(const std::string& text, const std::string& option) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 1) {
    throw UsageError(option + " must be a positive number");
  }
  return value;
}

std::vector<std::int64_t> parse_id_list(const std::string& text) {
  std::vector<std::int64_t> ids;
  std::stringstream parts(text);
  for (std::string part; std::getline(parts, part, ',');) ids.push_back(parse_id({part}, 0));
  return ids;
}

std::string time_parameter(const std::string& text, bool end_of_day) {
  if (text.size() == 10) {
    auto day = parse_iso8601(text + "T00:00:00Z");
    if (!day) throw UsageError("'" + text + "' is not a date (YYYY-MM-DD)");
    if (end_of_day) *day += std::chrono::hours(24);
    return to_iso8601(*day);
  }
  if (!parse_iso8601(text)) throw UsageError("'" + text + "' is not a date (YYYY-MM-DD) or an RFC 3339 time");
  return text;
}

std::string secret_from(std::istream& in, const std::string& what) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) throw UsageError("give the " + what + " on standard input");
  return line;
}

void print_import_faults(std::ostream& out, const std::string& file, const std::vector<wire::ImportFault>& faults) {
  out << "Nothing was imported: " << faults.size() << " faults.\n";
  for (const auto& fault : faults) {
    out << file << ":" << fault.line << (fault.column.empty() ? "" : " [" + fault.column + "]") << ": " << fault.message
        << "\n";
  }
}

}  // namespace kanal::cli
