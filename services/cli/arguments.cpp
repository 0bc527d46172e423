#include "cli/arguments.h"

#include <set>

namespace kanal::cli {

const char* const kUsage =
    R"(usage: kanalctl [--server URL] [--token TOKEN | --as-owner] [--data-dir DIR] [--json] COMMAND

Talks to kanald: the local one of your workspace (found by itself), or the
one at --server. It acts as the person whose session token it is given
(--token, or the KANAL_TOKEN environment variable; 'kanalctl sign-in' gives
one), or, with --as-owner, as this desktop's owner with the workspace token.

commands:
  status                      is kanald reachable, and which version
  post create --text TEXT [--image FILE --alt TEXT]… [--thread TEXT]…
                              create a draft (--text - reads standard input);
                              images with their alt text, in order; each
                              --thread adds a part that follows as a reply
  post list [--state STATE] [--limit N]
                              drafts and posts, newest first
  post show ID                one post with its variants
  post delete ID              delete a post
  post publish ID --accounts ID[,ID…]
                              publish now to these accounts
  post deliveries ID          how publishing went, per account
  post schedule ID --accounts ID[,ID…] --at 2026-12-18T09:00 [--zone Europe/Stockholm]
                              publish at that time on the zone's clock (held,
                              not published, if approvals are missing then)
  post unschedule ID          cancel it
  post queue ID --accounts ID[,ID…]
                              schedule for the next free queue slot of the
                              accounts (see 'slots')
  post repeat ID --accounts ID[,ID…] --rule daily|weekly|monthly|payment_day
             [--day N] [--weekday mon] [--calendar se|dk|no|fi|de|gb]
             [--time 09:00] [--zone Europe/Stockholm] --from DAY --until DAY
                              repeat the post (a copy each time); payment_day:
                              day N, or the working day before it when N is a
                              weekend day or public holiday of the calendar
  schedule list [--from DAY] [--to DAY]
                              what is scheduled, held or sent in the period
  schedule import FILE.csv    posts to schedule (columns date, time, zone,
                              accounts, text — or template, segment, language
                              and field:NAME); all rows are checked first and
                              nothing is imported while one has a fault
  schedule export --ical [--from DAY] [--to DAY] [--output FILE]
                              the schedule as iCalendar for your own calendar
  pause --reason TEXT [--accounts ID[,ID…]]
                              crisis pause: nothing is published (from these
                              accounts, or any) until resumed
  resume PAUSE_ID             lift it; posts that fell due meanwhile are held
  blackout list | blackout add --name TEXT --from 2027-09-01T00:00 --to 2027-09-14T00:00
             [--zone Z] [--accounts ID[,ID…]] | blackout remove ID
                              periods in which accounts do not publish
  slots ACCOUNT [--set "mon 09:00,tue 12:30" --zone Europe/Stockholm]
                              an account's queue slots (shown, or set)
  post submit ID --accounts ID[,ID…]
                              submit for approval; prints the steps the
                              policy asks for, and why
  post review ID              the newest submission, its steps and decisions
  post approve ID --hash H [--comment TEXT]
  post send-back ID --hash H --comment TEXT
                              decide the next step for the version you saw
                              (H: the content hash 'post review' shows)
  approvals                   what waits for your approval
  sign-in LOGIN               sign in (password on standard input); prints a
                              session token for --token or KANAL_TOKEN
  token rotate                a new workspace token for this desktop (its
                              owner only); the old one stops working at once
  user list                   the workspace's people and their roles
  user add LOGIN --role ROLE --name NAME
                              a new user (first password on standard input)
  user role LOGIN ROLE        change a role (officer, line_manager,
                              subject_expert, director, admin, records_officer)
  user disable LOGIN | user enable LOGIN
  user password LOGIN         set a new password (on standard input)
  account list                connected accounts and their health
  account connect --network N [--instance URL] [--browser CMD]
                              connect an account: you authorize in the browser
                              (--browser opens the page with CMD, e.g. xdg-open)
  account connect --network N [--instance URL] --handle H --app-password-stdin
                              connect without a browser, where the network
                              takes an app password (read from standard input)
  account networks            the networks kanald can connect, and how
  account settings NETWORK [KEY]
                              a network's workspace settings (admins), or
                              KEY set to the first line of standard input
                              (a client id or secret; secrets are sealed)
  account disconnect ID       forget an account's credentials
  text check --network N [--lang L] [--limit N] [--url-length N] [--jsonl] TEXT
  text check --counting weighted|graphemes|code_points --limit N … TEXT
                              count TEXT as the network counts it (its plugin
                              beside kanalctl says how), or by a rule, with the
                              plain-language hints for language L (sv, da, nb,
                              fi, de, en); exit 1 when it does not fit.
                              --jsonl reads one JSON string per line from
                              standard input and writes one JSON result per
                              line. Runs without kanald.
  text split --network N [--limit N] [--numbered] TEXT
                              split TEXT into a thread the network accepts
  moderation eval FILE.csv [--lang L]
                              score Kanal's moderation on an annotated CSV:
                              columns text, expected (hide or keep), optional
                              category and lang; prints false hides, reviews
                              and misses, and the throughput
  moderation classify         one verdict per line of standard input: action,
                              category, score, decided by, reason. Both run
                              without kanald, with Kanal's default policy or
                              files of your own (e.g. saved with document
                              show moderation-policy): --policy FILE
                              --blocked-terms FILE --own-domains FILE
  document list               the workspace's documents: approval-policy,
                              templates, jargon, rights, dictionary,
                              moderation-policy, blocked-terms, own-domains
  document show NAME          one document's text
  document import NAME FILE   replace it (admins; refused with the line when
                              wrong; on the audit trail)
  policy show | import FILE   the approval policy, for short
  report --from D --to D [--accounts ID[,ID…]] [--segment S] [--zone Z]
         --pdf FILE | --csv FILE
                              likes, followers, answer times and moderation
                              of the period (days inclusive), as a PDF with
                              charts and tables and/or CSV of every figure
  contacts list [--network ID] [--limit N] [QUERY]
                              press contacts by name (QUERY: beginnings of
                              words of the name or organisation, or of a
                              handle; --network: only those with a handle
                              there)
  contacts import FILE.csv    press contacts (columns name, organisation,
                              role, notes and one per network id: x,
                              bluesky, mastodon …); a row updates the contact
                              of the same name and organisation, else adds
                              one; nothing is imported while a row has a fault
  audit verify [--anchor FILE] walk the audit trail's hash chain; exit 1 and
                              name the first broken link if one was changed;
                              with an anchor, also whether the chain up to it
                              is still the one that was anchored
  backup FILE [--database sqlite:PATH | postgresql://…]
                              a consistent copy of the workspace's database,
                              taken while kanald runs (a team's PostgreSQL
                              database with pg_dump; its URL may come from
                              KANAL_DATABASE, off the command line)
  restore FILE [--database sqlite:PATH | postgresql://…]
                              put a backup back (kanald stopped: every kanald
                              of a team); the database it replaces is kept
                              beside it
  audit anchor [--output FILE] sign the chain's head now (kanald also keeps
                              one a day in the workspace's audit-anchors/)
  audit list [--from D] [--to D] [--action PREFIX] [--object TYPE:ID] [--limit N]
                              the trail, oldest first
  audit export --from D --to D [--format jsonl|csv] [--output FILE]
                              every event of the period (days inclusive, UTC),
                              with each version's content, for a records request

options:
  --json                      machine-readable output
  --help, --version

exit codes: 0 done, 1 kanald refused or could not be reached (message on
stderr), 2 the command line is wrong.
)";

Arguments parse_arguments(const std::vector<std::string>& argv) {
  static const std::set<std::string> kGlobalValued{"server", "token", "data-dir"};
  static const std::set<std::string> kCommandValued{
      "text",          "state",       "limit",  "accounts", "network",  "instance", "browser", "lang",
      "url-length",    "counting",    "handle", "from",     "to",       "format",   "output",  "action",
      "object",        "comment",     "role",   "name",     "hash",     "at",       "zone",    "reason",
      "rule",          "weekday",     "day",    "time",     "calendar", "until",    "set",     "policy",
      "blocked-terms", "own-domains", "pdf",    "csv",      "segment",  "anchor",   "database"};
  static const std::set<std::string> kFlags{"jsonl", "numbered", "ical", "app-password-stdin"};
  static const std::set<std::string> kRepeatable{"image", "alt", "thread"};
  Arguments args;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const auto& word = argv[i];
    if (word == "--help" || word == "-h") {
      args.command = {"help"};
      return args;
    }
    if (word == "--version") {
      args.command = {"version"};
      return args;
    }
    if (word == "--json") {
      args.json = true;
      continue;
    }
    if (word == "--as-owner") {
      args.as_owner = true;
      continue;
    }
    if (word.rfind("--", 0) == 0 && kFlags.count(word.substr(2))) {
      args.flags.insert(word.substr(2));
      continue;
    }
    if (word.rfind("--", 0) == 0 && word.size() > 2) {
      auto name = word.substr(2);
      std::optional<std::string> value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (!kGlobalValued.count(name) && !kCommandValued.count(name) && !kRepeatable.count(name)) {
        throw UsageError("unknown option --" + name);
      }
      if (!value) {
        if (i + 1 >= argv.size()) throw UsageError("--" + name + " needs a value");
        value = argv[++i];
      }
      if (name == "server") {
        args.server = *value;
      } else if (name == "token") {
        args.token = *value;
      } else if (name == "data-dir") {
        args.data_dir = *value;
      } else if (kRepeatable.count(name)) {
        args.lists[name].push_back(*value);
      } else {
        args.options[name] = *value;
      }
      continue;
    }
    args.command.push_back(word);
  }
  if (args.command.empty()) throw UsageError("no command given");
  return args;
}

}  // namespace kanal::cli
