#include "training_data.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.h"
#include "core/utf8.h"

namespace kanal::moderation_training {
namespace {

[[noreturn]] void refuse(std::string_view file, int line, const std::string& why) {
  throw Error(ErrorCode::invalid_input, std::string(file) + ":" + std::to_string(line) + ": " + why, "data");
}

bool hiding(Category category) {
  return category == Category::threat || category == Category::hate || category == Category::spam;
}

Example make(std::string text, Category category, std::string source, std::string group, std::string lang) {
  Example example;
  example.key = text;
  example.test = held_out(example.key);
  example.text = std::move(text);
  example.category = category;
  example.hide = hiding(category);
  example.source = std::move(source);
  example.group = std::move(group);
  example.lang = std::move(lang);
  return example;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Davidson's tweets keep HTML entities ("&amp;", "&#128514;") and retweet marks.
std::string clean_tweet(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      const auto end = text.find(';', i);
      if (end != std::string_view::npos && end - i <= 10) {
        const auto entity = text.substr(i + 1, end - i - 1);
        std::string decoded;
        if (entity == "amp") decoded = "&";
        if (entity == "lt") decoded = "<";
        if (entity == "gt") decoded = ">";
        if (entity == "quot") decoded = "\"";
        if (entity.size() > 1 && entity[0] == '#') {
          unsigned long cp = 0;
          bool digits = true;
          for (char c : entity.substr(1)) {
            digits = digits && c >= '0' && c <= '9';
            if (digits) cp = cp * 10 + static_cast<unsigned long>(c - '0');
          }
          if (digits && cp < 0x110000 && !(cp >= 0xD800 && cp < 0xE000)) append_utf8(decoded, cp);
        }
        if (!decoded.empty()) {
          out += decoded;
          i = end;
          continue;
        }
      }
    }
    out += text[i];
  }
  // "RT" marks a retweet, not a word the author wrote.
  std::istringstream words(out);
  std::string word;
  std::string kept;
  while (words >> word) {
    if (word == "RT") continue;
    if (!kept.empty()) kept += ' ';
    kept += word;
  }
  return utf8::repaired(kept);
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

bool held_out(std::string_view key) {
  // FNV's low bits mix poorly: fold the high half in first.
  const auto hash = stable_hash(key);
  return ((hash ^ (hash >> 32)) % 100) < 20;
}

std::vector<Record> parse_delimited(std::string_view text, char delimiter, std::string_view file_name) {
  try {
    return csv::parse(text, delimiter);
  } catch (const Error& e) {
    throw Error(ErrorCode::invalid_input, std::string(file_name) + ": " + e.detail());
  }
}

std::vector<Example> read_davidson(std::string_view file_text) {
  const auto records = parse_delimited(file_text, ',', "davidson/labeled_data.csv");
  std::vector<Example> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& fields = records[i].fields;
    if (fields.size() != 7) refuse("davidson/labeled_data.csv", records[i].line, "expected 7 columns");
    // class: 0 hate speech, 1 offensive language, 2 neither (the majority of the coders).
    const auto& label = fields[5];
    Category category = Category::other;
    if (label == "0")
      category = Category::hate;
    else if (label == "1")
      category = Category::profanity;
    else if (label != "2")
      refuse("davidson/labeled_data.csv", records[i].line, "unknown class \"" + label + "\"");
    const char* group = label == "0" ? "hate" : label == "1" ? "offensive" : "neither";
    auto row = make(clean_tweet(fields[6]), category, "davidson", group, "en");
    // count, hate_speech, offensive_language, neither: the coders' votes.
    const Category voted[3] = {Category::hate, Category::profanity, Category::other};
    for (int column = 0; column < 3; ++column) {
      const auto& field = fields[static_cast<std::size_t>(2 + column)];
      int n = 0;
      const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), n);
      if (error != std::errc() || end != field.data() + field.size() || n < 0) {
        refuse("davidson/labeled_data.csv", records[i].line, "a vote count is not a number");
      }
      if (n > 0) row.votes.emplace_back(voted[column], n);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Example> read_dkhate(std::string_view file_text) {
  const auto records = parse_delimited(file_text, '\t', "dkhate/dkhate_train.tsv");
  std::vector<Example> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& fields = records[i].fields;
    if (fields.size() != 6) refuse("dkhate/dkhate_train.tsv", records[i].line, "expected 6 columns");
    const auto& a = fields[3];
    const auto& b = fields[4];
    const auto& c = fields[5];
    Category category = Category::other;
    if (a == "NOT") {
      category = Category::other;
    } else if (a != "OFF") {
      refuse("dkhate/dkhate_train.tsv", records[i].line, "unknown subtask_a \"" + a + "\"");
    } else if (b == "TTH") {
      category = Category::threat;  // a targeted threat
    } else if (b == "TIN" && c == "GRP") {
      category = Category::hate;  // an insult aimed at a group
    } else if (b == "TIN" && (c == "ORG" || c == "OTH")) {
      category = Category::criticism;  // aimed at an organisation, an event, an issue
    } else {
      category = Category::profanity;  // untargeted, or an insult aimed at one person
    }
    std::string group = a + (b.empty() ? "" : "/" + b) + (c.empty() ? "" : "/" + c);
    rows.push_back(make(utf8::repaired(fields[1]), category, "dkhate", group, "da"));
  }
  return rows;
}

std::vector<Example> read_hatexplain(std::string_view file_text) {
  const auto records = parse_delimited(file_text, ',', "hatexplain/df_val_processed.csv");
  std::vector<Example> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& fields = records[i].fields;
    if (fields.size() != 7) refuse("hatexplain/df_val_processed.csv", records[i].line, "expected 7 columns");
    // annotators: "{'label': [0, 0, 2], ...}" — 0 hatespeech, 1 normal, 2 offensive
    // (the LabelEncoder's sorted classes, README_Data.md).
    const auto& annotators = fields[1];
    const auto at = annotators.find("'label': [");
    const auto end = annotators.find(']', at);
    if (at == std::string::npos || end == std::string::npos) {
      refuse("hatexplain/df_val_processed.csv", records[i].line, "no annotator labels");
    }
    int votes[3] = {0, 0, 0};
    for (auto j = at + 10; j < end; ++j) {
      if (annotators[j] >= '0' && annotators[j] <= '2') ++votes[annotators[j] - '0'];
    }
    const int total = votes[0] + votes[1] + votes[2];
    int majority = -1;
    for (int label = 0; label < 3; ++label) {
      if (votes[label] * 2 > total) majority = label;
    }
    static constexpr Category kCategories[3] = {Category::hate, Category::other, Category::profanity};
    static constexpr const char* kNames[3] = {"hatespeech", "normal", "offensive"};
    // The masked text has <user> and <number> where the raw one has made-up names.
    std::string text = fields[6];
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"<user>", "@user"}, {"<number>", "1"}}) {
      for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
      }
    }
    // Without a majority HateXplain leaves a post out of its figures, and so
    // do we; its votes still teach the model (in training only).
    auto row = make(utf8::repaired(text), kCategories[majority < 0 ? 1 : majority], "hatexplain",
                    majority < 0 ? "no majority" : kNames[majority], "en");
    for (int label = 0; label < 3; ++label) {
      if (votes[label] > 0) row.votes.emplace_back(kCategories[label], votes[label]);
    }
    if (majority < 0) {
      if (row.test) continue;
      row.train_only = true;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::invalid_input, "cannot read " + path.string(), "data");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<Example> read_public_sets(const std::filesystem::path& dir) {
  auto rows = read_davidson(read_file(dir / "davidson" / "labeled_data.csv"));
  for (auto&& row : read_dkhate(read_file(dir / "dkhate" / "dkhate_train.tsv"))) rows.push_back(std::move(row));
  for (auto&& row : read_hatexplain(read_file(dir / "hatexplain" / "df_val_processed.csv"))) {
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Example> expand_contrast(std::string_view file_text, std::string_view file_name, int variants) {
  std::map<std::string, std::vector<std::string>> slots;
  std::string lang;
  struct Group {
    std::string name;
    bool hide = false;
    Category category = Category::other;
    std::vector<std::string> templates;
  };
  std::vector<Group> groups;
  std::istringstream lines{std::string(file_text)};
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (!utf8::is_valid(line)) refuse(file_name, number, "not UTF-8");
    if (line.rfind("lang ", 0) == 0) {
      lang = trim(line.substr(5));
    } else if (line.rfind("slot ", 0) == 0) {
      const auto equals = line.find('=');
      if (equals == std::string::npos) refuse(file_name, number, "write slot NAME = value | value");
      const auto name = trim(line.substr(5, equals - 5));
      auto& values = slots[name];
      values.clear();
      std::istringstream parts(line.substr(equals + 1));
      for (std::string value; std::getline(parts, value, '|');) {
        if (!trim(value).empty()) values.push_back(trim(value));
      }
      if (values.empty()) refuse(file_name, number, "slot " + name + " has no values");
    } else if (line.rfind("group ", 0) == 0) {
      std::istringstream words(line.substr(6));
      Group group;
      std::string expected;
      std::string category;
      words >> group.name >> expected >> category;
      if (expected != "hide" && expected != "keep") refuse(file_name, number, "a group is hide or keep");
      const auto parsed = engagement::parse_category(category);
      if (!parsed) refuse(file_name, number, "unknown category \"" + category + "\"");
      group.hide = expected == "hide";
      group.category = *parsed;
      groups.push_back(std::move(group));
    } else {
      if (groups.empty()) refuse(file_name, number, "a template before any group");
      for (auto open = line.find('{'); open != std::string::npos; open = line.find('{', open + 1)) {
        const auto close = line.find('}', open);
        if (close == std::string::npos) refuse(file_name, number, "a slot is not closed");
        if (!slots.count(line.substr(open + 1, close - open - 1))) {
          refuse(file_name, number, "unknown slot {" + line.substr(open + 1, close - open - 1) + "}");
        }
      }
      groups.back().templates.push_back(line);
    }
  }
  if (lang.empty()) refuse(file_name, 1, "no \"lang\" line");

  std::vector<Example> rows;
  for (const auto& group : groups) {
    // Whole templates are held out: a fifth of the group's, chosen by hash.
    std::vector<std::pair<std::uint64_t, const std::string*>> ranked;
    for (const auto& text : group.templates) ranked.emplace_back(stable_hash(lang + "\n" + text), &text);
    std::sort(ranked.begin(), ranked.end());
    for (std::size_t rank = 0; rank < ranked.size(); ++rank) {
      const auto& text = *ranked[rank].second;
      const bool test = rank % 5 == 2;
      std::vector<std::string> made;
      for (int variant = 0; variant < variants; ++variant) {
        std::string out;
        std::size_t from = 0;
        int occurrence = 0;
        for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', from)) {
          const auto close = text.find('}', open);
          const auto& values = slots.at(text.substr(open + 1, close - open - 1));
          out += text.substr(from, open - from);
          const auto pick = stable_hash(text + "#" + std::to_string(variant) + "#" + std::to_string(occurrence++));
          out += values[(pick ^ (pick >> 29)) % values.size()];
          from = close + 1;
        }
        out += text.substr(from);
        if (std::find(made.begin(), made.end(), out) == made.end()) made.push_back(out);
      }
      for (auto& expansion : made) {
        Example example;
        example.text = std::move(expansion);
        example.category = group.category;
        example.hide = group.hide;
        example.source = "contrast";
        example.group = group.name;
        example.lang = lang;
        example.test = test;
        example.key = text;
        rows.push_back(std::move(example));
      }
    }
  }
  return rows;
}

std::vector<Example> read_contrast_dir(const std::filesystem::path& dir, int variants) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Example> rows;
  for (const auto& file : files) {
    for (auto&& row : expand_contrast(read_file(file), file.filename().string(), variants))
      rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace kanal::moderation_training
