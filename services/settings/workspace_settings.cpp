#include "settings/workspace_settings.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/json.h"
#include "engagement/blocked_terms.h"
#include "engagement/moderation_policy.h"
#include "engagement/moderation_rules.h"
#include "store/audit_repository.h"

namespace kanal::settings {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  if (!in) throw Error(ErrorCode::invalid_input, "cannot read " + path.string());
  return content.str();
}

// Moves the file a workspace kept a document in out of the way, so nobody
// edits a file that no longer counts.
void set_aside(const std::filesystem::path& path, std::string_view suffix, Poco::Logger& log) {
  std::error_code failed;
  std::filesystem::rename(path, path.string() + std::string(suffix), failed);
  if (failed) log.warning("%s could not be renamed (%s): it no longer counts", path.string(), failed.message());
}

}  // namespace

WorkspaceSettings::WorkspaceSettings(store::Database& db, const Clock& clock, Poco::Logger& log,
                                     WorkspaceSettingsOptions options)
    : db_(db), clock_(clock), log_(log), options_(options) {}

void WorkspaceSettings::import_files(const std::filesystem::path& data_dir) {
  const auto stored =
      db_.read([](Poco::Data::Session& session) { return store::DocumentRepository(session).revisions(); });
  for (const auto& about : documents()) {
    const std::string name(about.name);
    const auto path = data_dir / about.file;
    if (std::any_of(stored.begin(), stored.end(), [&](const auto& row) { return row.first == name; })) {
      if (std::filesystem::exists(path)) {
        log_.warning("%s does not count: the workspace keeps \"%s\" in its database (kanalctl document import)",
                     path.string(), name);
        set_aside(path, ".not-imported", log_);
      }
      continue;
    }
    std::string content = default_content(about.document);
    bool from_file = false;
    // A backup from before the documents were in the database, restored
    // after they were imported: the file is still there, set aside.
    const auto set_aside_before = std::filesystem::path(path.string() + ".imported");
    const auto source = std::filesystem::exists(path) ? path : set_aside_before;
    if (std::filesystem::exists(source)) {
      try {
        auto text = read_file(source);
        check(about.document, text);
        content = std::move(text);
        from_file = true;
      } catch (const Error& e) {
        log_.error("%s cannot be used (%s): Kanal's default %s is used instead; the file is kept as %s.not-imported",
                   source.string(), e.detail(), std::string(about.title), path.filename().string());
      }
    }
    const bool inserted = db_.transact([&](Poco::Data::Session& session) {
      return store::DocumentRepository(session).insert_first(name, content, clock_.now());
    });
    if (!inserted) {
      log_.warning("%s: another kanald stored \"%s\" first", source.string(), name);
    } else if (from_file) {
      log_.information("\"%s\" is now in the workspace database, from %s", name, source.string());
    } else {
      log_.information("\"%s\" begins as Kanal's default", name);
    }
    if (!std::filesystem::exists(path)) continue;
    if (inserted && from_file) {
      set_aside(path, ".imported", log_);
    } else {
      set_aside(path, ".not-imported", log_);
    }
  }
}

std::shared_ptr<const WorkspaceSettings::InForce> WorkspaceSettings::build(
    const std::vector<store::WorkspaceDocument>& stored) const {
  std::map<Document, std::string> content;
  auto in_force = std::make_shared<InForce>();
  for (const auto& row : stored) {
    in_force->revisions[row.name] = row.revision;  // a newer Kanal's document too: a change to it is no change here
    for (const auto& about : documents()) {
      if (about.name != row.name) continue;
      // Checked when stored; a row written otherwise is named and not used.
      try {
        check(about.document, row.content);
        content[about.document] = row.content;
      } catch (const Error& e) {
        log_.error("the workspace's %s cannot be used (%s): Kanal's default is used until it is mended",
                   std::string(about.title), e.detail());
      }
    }
  }
  const auto text_of = [&](Document document) {
    const auto found = content.find(document);
    return found != content.end() ? found->second : default_content(document);
  };
  in_force->policy =
      std::make_shared<const workflow::Policy>(workflow::Policy::parse(text_of(Document::approval_policy)));
  const auto templates_json = text_of(Document::templates);
  in_force->templates =
      std::make_shared<const TemplateCatalog>(TemplateCatalog{templates_json, text::parse_catalog(templates_json)});
  in_force->word_lists = std::make_shared<const text::WordLists>(text_of(Document::jargon), text_of(Document::rights),
                                                                 meaningful_lines(text_of(Document::dictionary)));
  engagement::RuleContext rules;
  rules.blocked_terms = engagement::BlockedTerms::parse(text_of(Document::blocked_terms));
  rules.own_domains = meaningful_lines(text_of(Document::own_domains));
  in_force->moderator = std::make_shared<const inbox::Moderator>(
      std::move(rules), engagement::ModerationPolicy::parse(text_of(Document::moderation_policy)));
  return in_force;
}

std::shared_ptr<const WorkspaceSettings::InForce> WorkspaceSettings::in_force() const {
  const std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (in_force_ && now - checked_at_ < options_.recheck_every) return in_force_;
  try {
    const auto revisions =
        db_.read([](Poco::Data::Session& session) { return store::DocumentRepository(session).revisions(); });
    const bool same = in_force_ && revisions.size() == in_force_->revisions.size() &&
                      std::all_of(revisions.begin(), revisions.end(), [&](const auto& row) {
                        const auto held = in_force_->revisions.find(row.first);
                        return held != in_force_->revisions.end() && held->second == row.second;
                      });
    if (!same) {
      in_force_ =
          build(db_.read([](Poco::Data::Session& session) { return store::DocumentRepository(session).all(); }));
    }
    checked_at_ = now;
  } catch (const Error& e) {
    if (!in_force_) throw;
    // The database is away for a moment: what was in force stays so, and
    // the next look is a recheck interval away (not on every call).
    checked_at_ = now;
    log_.warning("the workspace's documents could not be checked for changes: %s", e.detail());
  }
  return in_force_;
}

std::shared_ptr<const workflow::Policy> WorkspaceSettings::policy() const { return in_force()->policy; }
std::shared_ptr<const TemplateCatalog> WorkspaceSettings::templates() const { return in_force()->templates; }
std::shared_ptr<const text::WordLists> WorkspaceSettings::word_lists() const { return in_force()->word_lists; }
std::shared_ptr<const inbox::Moderator> WorkspaceSettings::moderator() const { return in_force()->moderator; }

std::vector<store::WorkspaceDocument> WorkspaceSettings::list() const {
  auto stored = db_.read([](Poco::Data::Session& session) { return store::DocumentRepository(session).all(); });
  std::vector<store::WorkspaceDocument> out;
  for (const auto& about : documents()) {
    const auto found =
        std::find_if(stored.begin(), stored.end(), [&](const auto& row) { return row.name == about.name; });
    if (found != stored.end()) out.push_back(std::move(*found));
  }
  return out;
}

store::WorkspaceDocument WorkspaceSettings::document(Document document) const {
  const std::string name(info(document).name);
  auto found = db_.read([&](Poco::Data::Session& session) { return store::DocumentRepository(session).find(name); });
  if (!found) return {name, default_content(document), 0, Timestamp{}, std::nullopt};
  return std::move(*found);
}

store::WorkspaceDocument WorkspaceSettings::change(Document document, const Change& make, UserId by,
                                                   std::optional<std::int64_t> base_revision) {
  const std::string name(info(document).name);
  // A change made meanwhile by another kanald is seen, not overwritten: read again and redo.
  for (int attempt = 0; attempt < 5; ++attempt) {
    struct Outcome {
      bool raced = false;
      bool changed = false;
      store::WorkspaceDocument document;
    };
    auto outcome = db_.transact([&](Poco::Data::Session& session) {
      store::DocumentRepository repository(session);
      const auto now = clock_.now();
      const bool first = repository.insert_first(name, default_content(document), now);
      auto current = *repository.find(name);
      // Revision 0: the person saw Kanal's default of a document not stored yet.
      if (base_revision && *base_revision != current.revision && !(first && *base_revision == 0)) {
        throw Error(ErrorCode::stale_version, std::string(info(document).title) +
                                                  " was changed by someone else since you opened it (now revision " +
                                                  std::to_string(current.revision) +
                                                  "): open it again and redo your change");
      }
      auto next = make(current.content);
      if (!next) return Outcome{false, false, std::move(current)};
      if (!repository.replace(name, current.revision, next->content, by, now)) return Outcome{true, false, {}};
      store::AuditRepository(session).append(AuditEvent{0, now, by, next->action, "document", 0, next->detail});
      return Outcome{false, true, {name, std::move(next->content), current.revision + 1, now, by}};
    });
    if (outcome.raced) continue;
    {
      const std::lock_guard lock(mutex_);
      checked_at_ = {};  // read again at the next use: this change, or another kanald's that made this one moot
    }
    if (outcome.changed) {
      log_.information("the workspace's %s changed (revision %s)", std::string(info(document).title),
                       std::to_string(outcome.document.revision));
    }
    return std::move(outcome.document);
  }
  throw Error(ErrorCode::unavailable, std::string(info(document).title) + " is being changed by others: try again");
}

store::WorkspaceDocument WorkspaceSettings::replace(Document document, const std::string& content, UserId by,
                                                    std::optional<std::int64_t> base_revision) {
  check(document, content);
  return change(
      document,
      [&](const std::string& before) -> std::optional<ChangeMade> {
        if (before == content) return std::nullopt;  // nothing changes: no new revision, nothing on the trail
        return std::optional<ChangeMade>(ChangeMade{content, "document.change", json::written([&](json::JsonWriter& w) {
                                                      w.StartObject();
                                                      json::write_string(w, "document",
                                                                         std::string(info(document).name));
                                                      json::write_string(w, "before", before);
                                                      json::write_string(w, "after", content);
                                                      w.EndObject();
                                                    })});
      },
      by, base_revision);
}

std::shared_ptr<const text::WordLists> WorkspaceSettings::add_to_dictionary(const std::string& word, UserId by) {
  text::check_dictionary_word(word);
  change(
      Document::dictionary,
      [&](const std::string& before) -> std::optional<ChangeMade> {
        const auto words = meaningful_lines(before);
        if (std::find(words.begin(), words.end(), word) != words.end()) return std::nullopt;
        std::string content = before;
        if (!content.empty() && content.back() != '\n') content += '\n';
        content += word + "\n";
        check(Document::dictionary, content);  // a dictionary grown past the limit refuses the word
        return ChangeMade{content, "dictionary.add", json::written([&](json::JsonWriter& w) {
                            w.StartObject();
                            json::write_string(w, "document", "dictionary");
                            json::write_string(w, "word", word);
                            w.EndObject();
                          })};
      },
      by, std::nullopt);
  return word_lists();
}

}  // namespace kanal::settings
