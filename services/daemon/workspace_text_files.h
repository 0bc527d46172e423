#pragma once
// The workspace's own text settings, as files in its data folder where an
// admin can edit them: templates.json (templates and audience segments),
// jargon.txt and rights.txt (word lists per language) start as Kanal's
// defaults; dictionary.txt holds the agency's words that spelling accepts,
// one per line, and grows from the app. A file that does not read is
// reported and Kanal's default used.

#include <filesystem>
#include <memory>
#include <mutex>

#include <Poco/Logger.h>

#include "api/server/approval_endpoints.h"
#include "api/server/text_endpoints.h"
#include "inbox/moderator.h"
#include "workflow/policy.h"

namespace kanal::daemon {

// The approval policy in policy.txt (Kanal's default written there first);
// a file that does not read is reported and the default used. A new policy
// from the API is checked, then written over the file.
class PolicyFile final : public api::PolicyStore {
 public:
  PolicyFile(std::filesystem::path data_dir, Poco::Logger& log);
  std::shared_ptr<const workflow::Policy> policy() const override;
  std::shared_ptr<const workflow::Policy> replace(const std::string& text) override;

 private:
  std::filesystem::path path_;
  Poco::Logger& log_;
  mutable std::mutex mutex_;
  std::shared_ptr<const workflow::Policy> policy_;
};

class WorkspaceTextFiles final : public api::WorkspaceText {
 public:
  WorkspaceTextFiles(std::filesystem::path data_dir, Poco::Logger& log);

  const api::TemplateCatalog& templates() const override { return templates_; }
  std::shared_ptr<const text::WordLists> word_lists() const override;
  std::shared_ptr<const text::WordLists> add_to_dictionary(const std::string& word) override;

 private:
  std::filesystem::path data_dir_;
  Poco::Logger& log_;
  api::TemplateCatalog templates_;
  mutable std::mutex mutex_;
  std::shared_ptr<const text::WordLists> lists_;
};

// The workspace's moderation: moderation.txt (the policy per category),
// blocked-terms.txt (the agency's own list) and own-domains.txt (the
// agency's domains, which look-alike links imitate), each written from
// Kanal's defaults first. A file that does not read is reported and the
// default used.
inbox::Moderator load_moderation(const std::filesystem::path& data_dir, Poco::Logger& log);

}  // namespace kanal::daemon
