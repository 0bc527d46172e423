// kanalctl post schedule|unschedule|queue|repeat, schedule list|import|export,
// pause, resume, blackout list|add|remove, slots.
#include <fstream>
#include <iostream>

#include "cli/command_support.h"
#include "core/error.h"

namespace kanal::cli {
namespace {

std::optional<std::string> option_of(const Arguments& args, const char* name) {
  const auto it = args.options.find(name);
  return it == args.options.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::vector<AccountId> accounts_of(const std::string& text) {
  std::vector<AccountId> accounts;
  for (const auto id : parse_id_list(text)) accounts.push_back(AccountId{id});
  return accounts;
}

// "2027-01-01" (from the day's start, UTC) or a full RFC 3339 time.
std::optional<Timestamp> day_option(const Arguments& args, const char* name, bool end_of_day) {
  const auto text = option_of(args, name);
  if (!text) return std::nullopt;
  auto at = parse_iso8601(text->size() == 10 ? *text + "T00:00:00Z" : *text);
  if (!at) throw UsageError("--" + std::string(name) + " '" + *text + "' is not a date (YYYY-MM-DD)");
  if (text->size() == 10 && end_of_day) *at += std::chrono::hours(24);
  return at;
}

void print_schedule(std::ostream& out, const wire::ScheduleInfo& info) {
  out << "post " << info.post.value << ": " << info.at << " " << info.zone << " (" << to_iso8601(info.due_at) << ") "
      << info.state;
  if (!info.series.empty()) out << ", " << info.series;
  out << "\n";
  if (!info.reason.empty()) out << "  held: " << info.reason << "\n";
  if (!info.approval_note.empty()) out << "  before then: " << info.approval_note << "\n";
  if (!info.blackout_note.empty()) out << "  warning: " << info.blackout_note << "\n";
}

int post_command(const Arguments& args, client::ApiClient& api, std::ostream& out) {
  const auto& command = args.command;
  const auto& action = command[1];
  const PostId id{parse_id(command, 2)};
  const auto accounts = option_of(args, "accounts");
  if (action == "unschedule") {
    api.unschedule(id).get();
    if (!args.json) out << "Post " << id.value << " is no longer scheduled.\n";
    return 0;
  }
  if (!accounts) throw UsageError("post " + action + " needs --accounts ID[,ID…]");
  if (action == "schedule" || action == "queue") {
    wire::ScheduleInfo info;
    if (action == "schedule") {
      const auto at = option_of(args, "at");
      if (!at) throw UsageError("post schedule needs --at 2026-12-18T09:00 [--zone Europe/Stockholm]");
      info = api.schedule_post(id, wire::ScheduleRequest{accounts_of(*accounts), *at,
                                                         option_of(args, "zone").value_or("Europe/Stockholm")})
                 .get();
    } else {
      info = api.add_to_queue(id, accounts_of(*accounts)).get();
    }
    if (args.json) {
      out << wire::to_json(info) << "\n";
    } else {
      out << "Post " << id.value << " goes out at " << info.at << " " << info.zone << " (" << to_iso8601(info.due_at)
          << ").\n";
      if (!info.approval_note.empty()) out << "Before then: " << info.approval_note << "\n";
      if (!info.blackout_note.empty()) out << "Warning: " << info.blackout_note << "\n";
    }
    return 0;
  }
  // repeat
  wire::SeriesRequest request;
  request.accounts = accounts_of(*accounts);
  request.rule = option_of(args, "rule").value_or("");
  request.weekday = option_of(args, "weekday").value_or("");
  if (auto day = option_of(args, "day")) request.day = static_cast<int>(parse_positive(*day, "--day"));
  request.time = option_of(args, "time").value_or("09:00");
  request.zone = option_of(args, "zone").value_or("Europe/Stockholm");
  request.calendar = option_of(args, "calendar").value_or("");
  request.from = option_of(args, "from").value_or("");
  request.until = option_of(args, "until").value_or("");
  if (request.rule.empty() || request.from.empty() || request.until.empty()) {
    throw UsageError("post repeat needs --rule daily|weekly|monthly|payment_day --from DAY --until DAY");
  }
  const auto series = api.schedule_series(id, request).get();
  if (args.json) {
    out << wire::to_json(series) << "\n";
  } else {
    out << series.size() << " posts scheduled (" << (series.empty() ? "" : series.front().series) << "):\n";
    for (const auto& info : series) print_schedule(out, info);
  }
  return 0;
}

int schedule_command(const Arguments& args, client::ApiClient& api, std::ostream& out) {
  const auto& command = args.command;
  const auto action = command.size() > 1 ? command[1] : "";
  if (action == "list") {
    const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const auto from = day_option(args, "from", false).value_or(now - std::chrono::days(1));
    const auto to = day_option(args, "to", true).value_or(from + std::chrono::days(31));
    const auto entries = api.calendar(from, to).get();
    if (args.json) {
      out << wire::to_json(entries) << "\n";
      return 0;
    }
    for (const auto& entry : entries) {
      print_schedule(out, entry.schedule);
      out << "  " << entry.title << "\n";
    }
    return 0;
  }
  if (action == "import" && command.size() == 3) {
    const auto result = api.import_schedule(read_file(command[2])).get();
    if (args.json) {
      out << wire::to_json(result) << "\n";
    } else if (!result.faults.empty()) {
      print_import_faults(out, command[2], result.faults);
    } else {
      out << result.imported.size() << " posts imported and scheduled.\n";
      for (const auto& info : result.imported) print_schedule(out, info);
    }
    return result.faults.empty() ? 0 : 1;
  }
  if (action == "export") {
    if (args.flags.count("ical") == 0) throw UsageError("schedule export needs --ical");
    const auto text = api.schedule_ical(day_option(args, "from", false), day_option(args, "to", true)).get();
    if (auto path = option_of(args, "output")) {
      std::ofstream file(*path, std::ios::binary);
      file << text;
      if (!file) throw Error(ErrorCode::invalid_input, "cannot write " + *path, "output");
    } else {
      out << text;
    }
    return 0;
  }
  throw UsageError("schedule needs list, import FILE.csv or export --ical");
}

int blackout_command(const Arguments& args, client::ApiClient& api, std::ostream& out) {
  const auto& command = args.command;
  const auto action = command.size() > 1 ? command[1] : "list";
  if (action == "list") {
    const auto blackouts = api.blackouts().get();
    if (args.json) {
      out << wire::to_json(blackouts) << "\n";
      return 0;
    }
    for (const auto& blackout : blackouts) {
      out << blackout.id << ": " << blackout.window.name << ", " << blackout.window.starts << " to "
          << blackout.window.ends << " " << blackout.window.zone << "\n";
    }
    return 0;
  }
  if (action == "add") {
    wire::BlackoutRequest request;
    request.name = option_of(args, "name").value_or("");
    request.starts = option_of(args, "from").value_or("");
    request.ends = option_of(args, "to").value_or("");
    request.zone = option_of(args, "zone").value_or("Europe/Stockholm");
    if (auto accounts = option_of(args, "accounts")) request.accounts = accounts_of(*accounts);
    if (request.name.empty() || request.starts.empty() || request.ends.empty()) {
      throw UsageError("blackout add needs --name TEXT --from 2027-09-01T00:00 --to 2027-09-15T00:00");
    }
    const auto added = api.add_blackout(request).get();
    if (args.json) {
      out << wire::to_json(added) << "\n";
    } else {
      out << "Blackout window " << added.id << " added.\n";
    }
    return 0;
  }
  if (action == "remove") {
    api.remove_blackout(parse_id(command, 2)).get();
    if (!args.json) out << "Blackout window removed.\n";
    return 0;
  }
  throw UsageError("blackout needs list, add or remove ID");
}

}  // namespace

int run_schedule_command(const Arguments& args, std::ostream& out) {
  const auto& command = args.command;
  const auto& verb = command[0];
  client::ApiClient api(endpoint_for(args), 1, std::chrono::seconds(60));
  if (verb == "post") return post_command(args, api, out);
  if (verb == "schedule") return schedule_command(args, api, out);
  if (verb == "blackout") return blackout_command(args, api, out);
  if (verb == "pause") {
    const auto reason = option_of(args, "reason");
    if (!reason) throw UsageError("pause needs --reason TEXT (it is shown to everyone and kept on record)");
    wire::PauseRequest request{*reason, {}};
    if (auto accounts = option_of(args, "accounts")) request.accounts = accounts_of(*accounts);
    const auto pause = api.pause(request).get();
    if (args.json) {
      out << wire::to_json(pause) << "\n";
    } else {
      out << "Publishing is paused (pause " << pause.id << ")"
          << (pause.quiet ? "; nothing more is on its way." : "; a request was still under way after 30 s.") << "\n";
    }
    return 0;
  }
  if (verb == "resume") {
    const auto resumed = api.resume(parse_id(command, 1)).get();
    if (args.json) {
      out << wire::to_json(resumed) << "\n";
    } else {
      out << "Publishing resumed. " << resumed.overdue.size() << " posts fell due meanwhile and are held:\n";
      for (const auto& info : resumed.overdue) print_schedule(out, info);
    }
    return 0;
  }
  if (verb == "slots") {
    const AccountId account{parse_id(command, 1)};
    auto slots = api.queue_slots(account).get();
    if (auto set = option_of(args, "set")) {
      slots.slots.clear();
      std::string current;
      for (char c : *set + ",") {
        if (c == ',') {
          if (!current.empty()) slots.slots.push_back(current);
          current.clear();
        } else {
          current += c;
        }
      }
      if (auto zone = option_of(args, "zone")) slots.zone = *zone;
      slots = api.set_queue_slots(account, slots).get();
    }
    if (args.json) {
      out << wire::to_json(slots) << "\n";
    } else {
      out << "Queue slots (" << slots.zone << "):";
      for (const auto& slot : slots.slots) out << " " << slot;
      out << "\n";
    }
    return 0;
  }
  throw UsageError("unknown command '" + verb + "'");
}

}  // namespace kanal::cli
