#pragma once
// The workspace's documents: the texts an agency makes its own (who approves
// what, its templates, its words, its moderation). This is the one place
// that says which there are, what each starts as, and when a text may
// stand as one.

#include <string>
#include <string_view>
#include <vector>

namespace kanal::settings {

enum class Document {
  approval_policy,
  templates,
  jargon,
  rights,
  dictionary,
  moderation_policy,
  blocked_terms,
  own_domains,
};

struct DocumentInfo {
  Document document;
  std::string_view name;   // in the API and the audit trail: "approval-policy"
  std::string_view file;   // the file in the workspace folder it was kept in before (imported once)
  std::string_view title;  // for people
  std::string_view media_type;
};

const std::vector<DocumentInfo>& documents();
const DocumentInfo& info(Document document);
// Error(not_found) for a name that is no document.
const DocumentInfo& find_document(std::string_view name);

// Kanal's version, what a new workspace starts with.
std::string default_content(Document document);

// Error(invalid_input) naming the document, and the line where it can
// tell, when `content` cannot stand as `document`.
void check(Document document, std::string_view content);

// The lines that say something: neither empty nor "#" comments, trimmed.
std::vector<std::string> meaningful_lines(std::string_view content);

}  // namespace kanal::settings
