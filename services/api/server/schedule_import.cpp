#include "api/server/schedule_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/csv.h"
#include "core/error.h"
#include "core/utf8.h"
#include "scheduling/time_words.h"

namespace kanal::api {
namespace {

constexpr std::size_t kMostRows = 5000;
constexpr std::size_t kLongestText = 10'000;  // code points
constexpr std::string_view kFieldPrefix = "field:";

const std::set<std::string> kColumns{"date", "time", "zone", "accounts", "text", "template", "segment", "language"};

std::vector<std::string> tokens(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text + " ") {
    if (c == ' ' || c == '|' || c == ';' || c == ',' || c == '\t') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  return out;
}

std::optional<AccountId> account_named(const std::string& token, const std::vector<Account>& accounts) {
  for (const auto& account : accounts) {
    if (std::to_string(account.id.value) == token || account.handle == token) return account.id;
  }
  return std::nullopt;
}

class RowReader {
 public:
  RowReader(const std::map<std::string, std::size_t>& columns, const csv::Row& row,
            std::vector<wire::ImportFault>& faults)
      : columns_(columns), row_(row), faults_(faults) {}

  bool has(const std::string& column) const { return columns_.count(column) != 0; }
  std::string value(const std::string& column) const {
    const auto at = columns_.find(column);
    if (at == columns_.end() || at->second >= row_.fields.size()) return {};
    return row_.fields[at->second];
  }
  void fault(const std::string& column, std::string message) {
    faults_.push_back(wire::ImportFault{row_.line, column, std::move(message)});
  }
  int line() const { return row_.line; }

 private:
  const std::map<std::string, std::size_t>& columns_;
  const csv::Row& row_;
  std::vector<wire::ImportFault>& faults_;
};

void check_header(const std::map<std::string, std::size_t>& columns, std::vector<wire::ImportFault>& faults) {
  for (const char* needed : {"date", "time", "zone", "accounts"}) {
    if (columns.count(needed) == 0)
      faults.push_back({1, needed, std::string("the column \"") + needed + "\" is missing"});
  }
  if (columns.count("text") == 0 && columns.count("template") == 0) {
    faults.push_back({1, "text", "a column \"text\" (or \"template\" and \"segment\") is needed"});
  }
  if (columns.count("template") != 0 && columns.count("segment") == 0) {
    faults.push_back({1, "segment", "a template needs the column \"segment\""});
  }
}

// The row's time, accounts and text (or template); nothing if it has faults.
std::optional<ImportRow> read_row(RowReader& row, const std::vector<Account>& accounts, Timestamp now) {
  ImportRow out;
  out.line = row.line();
  bool ok = true;
  auto fault = [&](const std::string& column, std::string message) {
    row.fault(column, std::move(message));
    ok = false;
  };

  out.zone = row.value("zone");
  const auto day = scheduling::local_day(row.value("date"));
  const auto time = scheduling::time_of_day_named(row.value("time"));
  if (!day) fault("date", "\"" + utf8::preview(row.value("date"), 40) + "\" is not a day like 2027-01-23");
  if (!time) fault("time", "\"" + utf8::preview(row.value("time"), 40) + "\" is not a time like 09:00");
  if (!scheduling::is_known_zone(out.zone)) {
    fault("zone", "\"" + utf8::preview(out.zone, 40) + "\" is not a time zone (use an IANA name like Europe/Oslo)");
  }
  if (day && time && scheduling::is_known_zone(out.zone)) {
    out.at = scheduling::LocalTime{*day} + *time;
    if (scheduling::to_utc(out.at, out.zone) <= now) fault("date", "the time has passed");
  }

  for (const auto& token : tokens(row.value("accounts"))) {
    if (auto account = account_named(token, accounts)) {
      if (std::find(out.accounts.begin(), out.accounts.end(), *account) == out.accounts.end()) {
        out.accounts.push_back(*account);
      }
    } else {
      fault("accounts", "no account \"" + utf8::preview(token, 60) + "\" is connected");
    }
  }
  if (tokens(row.value("accounts")).empty()) fault("accounts", "name at least one account");

  out.language = row.value("language");
  const auto template_id = row.value("template");
  if (!template_id.empty()) {
    out.origin.template_id = template_id;
    out.origin.segment_id = row.value("segment");
    if (out.language.empty()) fault("language", "a template needs the language to write it in");
    if (!ok) return std::nullopt;
    return out;  // its text comes from the template and the field columns
  }
  out.text = row.value("text");
  if (!utf8::is_valid(out.text)) {
    fault("text", "the text is not valid UTF-8 (save the file as UTF-8)");
  } else if (out.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    fault("text", "the text is empty");
  } else if (*utf8::code_points(out.text) > kLongestText) {
    fault("text", "the text is longer than " + std::to_string(kLongestText) + " characters");
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

ImportPlan plan_import(std::string_view csv, const std::vector<Account>& accounts, const text::Catalog& catalog,
                       Timestamp now) {
  ImportPlan plan;
  std::vector<csv::Row> rows;
  try {
    rows = csv::parse(csv);
  } catch (const Error& e) {
    plan.faults.push_back({std::stoll(e.field().substr(5)), "", e.detail()});
    return plan;
  }
  if (rows.empty()) {
    plan.faults.push_back({1, "", "the file is empty: it needs a header row and a row per post"});
    return plan;
  }
  if (rows.size() - 1 > kMostRows) {
    plan.faults.push_back({1, "", "at most " + std::to_string(kMostRows) + " posts at once"});
    return plan;
  }
  std::map<std::string, std::size_t> columns;
  std::vector<std::string> field_columns;
  for (std::size_t i = 0; i < rows.front().fields.size(); ++i) {
    const auto& name = rows.front().fields[i];
    if (!utf8::is_valid(name)) {
      plan.faults.push_back({1, "", "the header is not valid UTF-8 (save the file as UTF-8)"});
      return plan;
    }
    if (name.rfind(kFieldPrefix, 0) == 0) {
      field_columns.push_back(name);
    } else if (kColumns.count(name) == 0) {
      plan.faults.push_back({1, utf8::preview(name, 40), "unknown column \"" + utf8::preview(name, 40) + "\""});
    }
    if (!columns.emplace(name, i).second) {
      plan.faults.push_back({1, utf8::preview(name, 40), "the column \"" + utf8::preview(name, 40) + "\" is twice"});
    }
  }
  check_header(columns, plan.faults);
  if (!plan.faults.empty()) return plan;

  for (std::size_t r = 1; r < rows.size(); ++r) {
    RowReader reader(columns, rows[r], plan.faults);
    auto row = read_row(reader, accounts, now);
    if (!row || row->origin.template_id.empty()) {
      if (row) plan.rows.push_back(std::move(*row));
      continue;
    }
    for (const auto& column : field_columns) {
      const auto value = reader.value(column);
      if (!value.empty()) row->origin.fields[column.substr(kFieldPrefix.size())] = value;
    }
    try {
      row->text = text::composed_text(catalog, row->origin.template_id, row->origin.segment_id, row->language,
                                      row->origin.fields);
      row->origin.template_text = row->text;
      plan.rows.push_back(std::move(*row));
    } catch (const Error& e) {
      const auto field = e.field();
      const bool names_field = !field.empty() && columns.count(std::string(kFieldPrefix) + field) != 0;
      reader.fault(names_field ? std::string(kFieldPrefix) + field : "template", e.detail());
    }
  }
  if (!plan.faults.empty()) plan.rows.clear();
  return plan;
}

}  // namespace kanal::api
