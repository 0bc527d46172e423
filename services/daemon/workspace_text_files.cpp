#include "daemon/workspace_text_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace kanal::daemon {
namespace {

// The file's text; a missing file is first written from `fallback`.
std::string read_or_create(const std::filesystem::path& path, std::string_view fallback, Poco::Logger& log) {
  if (!std::filesystem::exists(path)) {
    std::ofstream(path) << fallback;
    log.information("%s: Kanal's defaults, written for an admin to edit", path.string());
    return std::string(fallback);
  }
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line.front() != '#') lines.push_back(line);
  }
  return lines;
}

api::TemplateCatalog load_templates(const std::filesystem::path& path, Poco::Logger& log) {
  const std::string json = read_or_create(path, text::default_catalog_json(), log);
  try {
    auto catalog = text::parse_catalog(json);
    log.information("templates and audience segments from %s: %z templates, %z segments", path.string(),
                    catalog.templates.size(), catalog.segments.size());
    return {json, std::move(catalog)};
  } catch (const Error& e) {
    log.error("%s cannot be used (%s); Kanal's default templates are used until it is mended", path.string(),
              e.detail());
    return {std::string(text::default_catalog_json()), text::default_catalog()};
  }
}

}  // namespace

PolicyFile::PolicyFile(std::filesystem::path data_dir, Poco::Logger& log)
    : path_(std::move(data_dir) / "policy.txt"), log_(log) {
  const std::string text = read_or_create(path_, workflow::Policy::default_text(), log);
  try {
    policy_ = std::make_shared<const workflow::Policy>(workflow::Policy::parse(text));
    log.information("approval policy from %s: %z rules", path_.string(), policy_->rules().size());
  } catch (const Error& e) {
    log.error("%s cannot be used (%s); Kanal's default approval policy is used until it is mended", path_.string(),
              e.detail());
    policy_ = std::make_shared<const workflow::Policy>(workflow::Policy::defaults());
  }
}

std::shared_ptr<const workflow::Policy> PolicyFile::policy() const {
  const std::lock_guard lock(mutex_);
  return policy_;
}

std::shared_ptr<const workflow::Policy> PolicyFile::replace(const std::string& text) {
  auto parsed = std::make_shared<const workflow::Policy>(workflow::Policy::parse(text));  // throws when wrong
  const std::lock_guard lock(mutex_);
  // Written beside, then moved over: a crash leaves the old file or the new one, never half of one.
  const auto fresh = path_.string() + ".new";
  std::ofstream(fresh, std::ios::binary | std::ios::trunc) << text;
  std::filesystem::rename(fresh, path_);
  policy_ = std::move(parsed);
  log_.information("approval policy replaced: %z rules", policy_->rules().size());
  return policy_;
}

WorkspaceTextFiles::WorkspaceTextFiles(std::filesystem::path data_dir, Poco::Logger& log)
    : data_dir_(std::move(data_dir)), log_(log), templates_(load_templates(data_dir_ / "templates.json", log)) {
  lists_ = std::make_shared<const text::WordLists>(
      read_or_create(data_dir_ / "jargon.txt", text::WordLists::default_jargon_file(), log),
      read_or_create(data_dir_ / "rights.txt", text::WordLists::default_rights_file(), log),
      read_lines(data_dir_ / "dictionary.txt"));
}

std::shared_ptr<const text::WordLists> WorkspaceTextFiles::word_lists() const {
  const std::lock_guard lock(mutex_);
  return lists_;
}

std::shared_ptr<const text::WordLists> WorkspaceTextFiles::add_to_dictionary(const std::string& word) {
  const std::lock_guard lock(mutex_);
  auto words = lists_->dictionary();
  if (std::find(words.begin(), words.end(), word) != words.end()) return lists_;
  std::ofstream(data_dir_ / "dictionary.txt", std::ios::app) << word << "\n";
  words.push_back(word);
  lists_ = std::make_shared<const text::WordLists>(lists_->jargon_file(), lists_->rights_file(), std::move(words));
  log_.information("\"%s\" added to the workspace dictionary", word);
  return lists_;
}

inbox::Moderator load_moderation(const std::filesystem::path& data_dir, Poco::Logger& log) {
  const auto policy_path = data_dir / "moderation.txt";
  const std::string policy_text =
      read_or_create(policy_path,
                     "# What Kanal does with each kind of comment: CATEGORY ACTION [THRESHOLD]\n"
                     "# Actions: hide, hide_and_review, review, keep. Criticism and profanity are always kept.\n" +
                         engagement::ModerationPolicy::defaults().text(),
                     log);
  auto policy = engagement::ModerationPolicy::defaults();
  try {
    policy = engagement::ModerationPolicy::parse(policy_text);
  } catch (const Error& e) {
    log.error("%s cannot be used (%s); Kanal's default moderation policy is used until it is mended",
              policy_path.string(), e.detail());
  }
  engagement::RuleContext rules;
  const auto terms_path = data_dir / "blocked-terms.txt";
  const std::string terms =
      read_or_create(terms_path, "# Words and phrases that hide a comment whatever else it says, one per line.\n", log);
  try {
    rules.blocked_terms = engagement::BlockedTerms::parse(terms);
  } catch (const Error& e) {
    log.error("%s cannot be used (%s); no blocked terms until it is mended", terms_path.string(), e.detail());
  }
  const auto domains_path = data_dir / "own-domains.txt";
  read_or_create(domains_path,
                 "# The agency's own web domains, one per line (e.g. forsakringskassan.se): links imitating\n"
                 "# them are hidden as scams.\n",
                 log);
  rules.own_domains = read_lines(domains_path);
  log.information("moderation: policy from %s, %z blocked terms, %z own domains", policy_path.string(),
                  rules.blocked_terms.size(), rules.own_domains.size());
  return inbox::Moderator(std::move(rules), std::move(policy));
}

}  // namespace kanal::daemon
