#pragma once
// The workspace's documents as kanald uses them: kept in the database, so
// every kanald of a workspace (and every desktop) works to the same policy,
// templates, words and moderation. A change is checked, stored and put on
// the audit trail in one transaction; it is in force at once in the kanald
// that made it and within `recheck_every` in the others.

#include <Poco/Logger.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "inbox/moderator.h"
#include "settings/documents.h"
#include "store/database.h"
#include "store/document_repository.h"
#include "text/templates.h"
#include "text/word_lists.h"
#include "workflow/policy.h"

namespace kanal::settings {

// The templates and segments, and the JSON they were read from.
struct TemplateCatalog {
  std::string json;
  text::Catalog catalog;
};

struct WorkspaceSettingsOptions {
  // How old what this kanald holds may be before it asks the database
  // whether another kanald changed a document.
  std::chrono::milliseconds recheck_every{1000};
};

class WorkspaceSettings {
 public:
  WorkspaceSettings(store::Database& db, const Clock& clock, Poco::Logger& log, WorkspaceSettingsOptions options = {});

  // Stores each document the database does not have yet: the file a
  // workspace kept it in before (in `data_dir`, then renamed NAME.imported,
  // or NAME.not-imported when it cannot be used), else Kanal's default.
  // Runs once per document, whichever kanald comes first. Not on the audit
  // trail: what was in force stays so (the first change shows it as "before").
  void import_files(const std::filesystem::path& data_dir);

  std::shared_ptr<const workflow::Policy> policy() const;
  std::shared_ptr<const TemplateCatalog> templates() const;
  std::shared_ptr<const text::WordLists> word_lists() const;
  std::shared_ptr<const inbox::Moderator> moderator() const;

  std::vector<store::WorkspaceDocument> list() const;
  store::WorkspaceDocument document(Document document) const;
  // Error(invalid_input) when `content` cannot stand as the document;
  // Error(stale_version) when it is no longer at `base_revision` (the one
  // the person edited), so nobody overwrites a colleague's change unseen.
  store::WorkspaceDocument replace(Document document, const std::string& content, UserId by,
                                   std::optional<std::int64_t> base_revision = std::nullopt);
  // A word for the dictionary (anyone who writes may add one).
  std::shared_ptr<const text::WordLists> add_to_dictionary(const std::string& word, UserId by);

 private:
  // What the documents make, at the revisions they were read at.
  struct InForce {
    std::map<std::string, std::int64_t, std::less<>> revisions;
    std::shared_ptr<const workflow::Policy> policy;
    std::shared_ptr<const TemplateCatalog> templates;
    std::shared_ptr<const text::WordLists> word_lists;
    std::shared_ptr<const inbox::Moderator> moderator;
  };
  std::shared_ptr<const InForce> in_force() const;
  std::shared_ptr<const InForce> build(const std::vector<store::WorkspaceDocument>& documents) const;
  struct ChangeMade {
    std::string content;
    std::string action;  // the audit event's
    std::string detail;
  };
  // What to make of the document's current content; nullopt: nothing to change.
  using Change = std::function<std::optional<ChangeMade>(const std::string& current)>;
  // The change and its audit event in one transaction.
  store::WorkspaceDocument change(Document document, const Change& make, UserId by,
                                  std::optional<std::int64_t> base_revision);

  store::Database& db_;
  const Clock& clock_;
  Poco::Logger& log_;
  WorkspaceSettingsOptions options_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const InForce> in_force_;
  mutable std::chrono::steady_clock::time_point checked_at_;
};

}  // namespace kanal::settings
