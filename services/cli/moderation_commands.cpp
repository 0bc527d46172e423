// kanalctl moderation eval FILE.csv [--lang L] [--json] [WORKSPACE FILES]
// kanalctl moderation classify [--json] [WORKSPACE FILES]
//   WORKSPACE FILES: --policy FILE --blocked-terms FILE --own-domains FILE (e.g. what
//   `kanalctl document show moderation-policy` prints, to try a change before saving it)
// Runs Kanal's moderation (rules, the builtin classifier, the policy)
// locally, without kanald, so an agency can test it on its own annotated
// comments — with its own policy and lists — before trusting it.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "cli/command_support.h"
#include "core/csv.h"
#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "engagement/moderation.h"

namespace kanal::cli {
namespace {

using engagement::Action;
using engagement::Verdict;

struct Tally {
  int rows = 0;
  int hidden = 0;
  int review = 0;
  int kept = 0;
  void add(const Verdict& verdict) {
    ++rows;
    if (engagement::hides(verdict.action))
      ++hidden;
    else if (verdict.action == Action::review)
      ++review;
    else
      ++kept;
  }
};

double share(int part, int whole) { return whole == 0 ? 0.0 : static_cast<double>(part) / whole; }

std::string percent(int part, int whole) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * share(part, whole));
  return text;
}

std::string read_input(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void write_tally(json::JsonWriter& w, const char* key, const Tally& t) {
  w.Key(key);
  w.StartObject();
  w.Key("rows");
  w.Int(t.rows);
  w.Key("hidden");
  w.Double(share(t.hidden, t.rows));
  w.Key("review");
  w.Double(share(t.review, t.rows));
  w.Key("kept");
  w.Double(share(t.kept, t.rows));
  w.EndObject();
}

// The moderation as a workspace has it: its files where given, Kanal's defaults otherwise.
struct Setup {
  engagement::RuleContext rules;
  engagement::ModerationPolicy policy = engagement::ModerationPolicy::defaults();
};

Setup setup_from(const Arguments& args) {
  Setup setup;
  const auto file = [&](const char* option) -> std::optional<std::string> {
    if (!args.options.count(option)) return std::nullopt;
    return read_input(args.options.at(option));
  };
  try {
    if (const auto text = file("policy")) setup.policy = engagement::ModerationPolicy::parse(*text);
    if (const auto text = file("blocked-terms")) setup.rules.blocked_terms = engagement::BlockedTerms::parse(*text);
    if (const auto text = file("own-domains")) {
      std::istringstream lines(*text);
      for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && line.front() != '#') setup.rules.own_domains.push_back(line);
      }
    }
  } catch (const Error& e) {
    throw UsageError(e.detail());
  }
  return setup;
}

int evaluate_file(const Arguments& args, std::ostream& out) {
  const auto& command = args.command;
  if (command.size() != 3) throw UsageError("moderation eval needs one FILE.csv");
  const auto& path = command[2];
  std::vector<csv::Row> rows;
  try {
    rows = csv::parse(read_input(path));
  } catch (const Error& e) {
    throw UsageError(path + ": " + e.detail());
  }
  if (rows.empty()) throw UsageError(path + ": no header row");
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < rows[0].fields.size(); ++i) columns[rows[0].fields[i]] = i;
  for (const char* needed : {"text", "expected"}) {
    if (!columns.count(needed)) {
      throw UsageError(path + ":" + std::to_string(rows[0].line) + ": the header has no \"" + needed +
                       "\" column (text, expected, and optionally category and lang)");
    }
  }
  const auto lang_filter = args.options.count("lang") ? std::optional(args.options.at("lang")) : std::nullopt;
  auto column = [&](const csv::Row& row, const std::string& name) -> std::string {
    const auto at = columns.find(name);
    if (at == columns.end() || at->second >= row.fields.size()) return {};
    return row.fields[at->second];
  };

  const auto [context, policy] = setup_from(args);
  const auto& classifier = engagement::Classifier::builtin();
  Tally keep;
  Tally hide;
  std::map<std::string, std::pair<std::string, Tally>> categories;  // name → (expected, tally)
  double seconds = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const auto where = path + ":" + std::to_string(row.line) + ": ";
    if (lang_filter && column(row, "lang") != *lang_filter) continue;
    const auto text = column(row, "text");
    const auto expected = column(row, "expected");
    if (expected != "hide" && expected != "keep") {
      throw UsageError(where + "expected is \"hide\" or \"keep\", not \"" + expected + "\"");
    }
    if (!utf8::is_valid(text)) throw UsageError(where + "the text is not valid UTF-8");
    const auto started = std::chrono::steady_clock::now();
    const auto verdict = engagement::moderate(text, context, classifier, policy);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    (expected == "hide" ? hide : keep).add(verdict);
    if (const auto category = column(row, "category"); !category.empty()) {
      auto& [category_expected, tally] = categories[category];
      category_expected = expected;
      tally.add(verdict);
    }
  }
  const int total = keep.rows + hide.rows;
  const double per_second = seconds > 0 ? total / seconds : 0.0;

  if (args.json) {
    out << json::written([&](json::JsonWriter& w) {
      w.StartObject();
      json::write_string(w, "file", path);
      if (lang_filter) json::write_string(w, "lang", *lang_filter);
      w.Key("rows");
      w.Int(total);
      write_tally(w, "keep", keep);
      write_tally(w, "hide", hide);
      w.Key("categories");
      w.StartObject();
      for (const auto& [name, entry] : categories) {
        w.Key(name.c_str());
        w.StartObject();
        json::write_string(w, "expected", entry.first);
        w.Key("rows");
        w.Int(entry.second.rows);
        w.Key("hidden");
        w.Double(share(entry.second.hidden, entry.second.rows));
        w.Key("review");
        w.Double(share(entry.second.review, entry.second.rows));
        w.Key("kept");
        w.Double(share(entry.second.kept, entry.second.rows));
        w.EndObject();
      }
      w.EndObject();
      w.Key("comments_per_second");
      w.Double(per_second);
      w.EndObject();
    }) << "\n";
    return 0;
  }
  out << path << ": " << total << " rows" << (lang_filter ? " in " + *lang_filter : std::string())
      << ", the default policy\n"
      << "keep rows: " << keep.rows << ", hidden automatically (false hides) " << percent(keep.hidden, keep.rows)
      << ", sent to review " << percent(keep.review, keep.rows) << "\n"
      << "hide rows: " << hide.rows << ", hidden " << percent(hide.hidden, hide.rows) << ", sent to review "
      << percent(hide.review, hide.rows) << ", kept (misses) " << percent(hide.kept, hide.rows) << "\n";
  if (!categories.empty()) out << "per category:\n";
  for (const auto& [name, entry] : categories) {
    const auto& t = entry.second;
    out << "  " << name << " (" << entry.first << "): " << t.rows << " rows, hidden " << percent(t.hidden, t.rows)
        << ", review " << percent(t.review, t.rows) << ", kept " << percent(t.kept, t.rows) << "\n";
  }
  char speed[64];
  std::snprintf(speed, sizeof speed, "%.0f", per_second);
  out << "throughput: " << speed << " comments/s on one core\n";
  return 0;
}

int classify_lines(const Arguments& args, std::istream& in, std::ostream& out) {
  if (args.command.size() != 2) throw UsageError("moderation classify reads the texts from standard input");
  const auto [context, policy] = setup_from(args);
  const auto& classifier = engagement::Classifier::builtin();
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (!utf8::is_valid(line)) throw UsageError("line " + std::to_string(number) + ": the text is not valid UTF-8");
    const auto verdict = engagement::moderate(line, context, classifier, policy);
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", verdict.score);
    if (args.json) {
      out << json::written([&](json::JsonWriter& w) {
        w.StartObject();
        w.Key("line");
        w.Int(number);
        json::write_string(w, "action", engagement::to_string(verdict.action));
        json::write_string(w, "category", engagement::to_string(verdict.category));
        w.Key("score");
        w.Double(verdict.score);
        json::write_string(w, "decided_by", verdict.decided_by);
        json::write_string(w, "reason", verdict.reason);
        w.EndObject();
      }) << "\n";
    } else {
      out << engagement::to_string(verdict.action) << "\t" << engagement::to_string(verdict.category) << "\t" << score
          << "\t" << verdict.decided_by << "\t" << verdict.reason << "\n";
    }
  }
  return 0;
}

}  // namespace

int run_moderation_command(const Arguments& args, std::istream& in, std::ostream& out) {
  const auto& command = args.command;
  if (command.size() >= 2 && command[1] == "eval") return evaluate_file(args, out);
  if (command.size() >= 2 && command[1] == "classify") return classify_lines(args, in, out);
  throw UsageError("moderation needs eval FILE.csv or classify");
}

}  // namespace kanal::cli
