#pragma once
// The workspace's documents by name: texts people edit (the approval policy,
// templates, word lists, moderation), shared by every kanald of a workspace.
// What each one means and how it is checked is settings/documents.h.

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/domain.h"
#include "core/time.h"

namespace kanal::store {

struct WorkspaceDocument {
  std::string name;
  std::string content;
  std::int64_t revision = 0;  // 1 when first stored, one more with each change
  Timestamp changed_at;
  std::optional<UserId> changed_by;  // none: imported or Kanal's default
};

class DocumentRepository {
 public:
  explicit DocumentRepository(Poco::Data::Session& session) : session_(session) {}

  std::optional<WorkspaceDocument> find(const std::string& name);
  std::vector<WorkspaceDocument> all();
  // Every document's name and revision (what a kanald checks to see a change).
  std::vector<std::pair<std::string, std::int64_t>> revisions();
  // Stores the first version, unless a document of that name is there
  // already (another kanald stored it first): false then.
  bool insert_first(const std::string& name, const std::string& content, Timestamp at);
  // Replaces the content of revision `expected` with revision `expected` + 1;
  // false when the document is at another revision (someone changed it first).
  bool replace(const std::string& name, std::int64_t expected, const std::string& content, UserId by, Timestamp at);

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
