#pragma once
// The workspace's documents over /api/v1/documents (settings/documents.h):
// the list, one document with its text, and a change to one.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace kanal::wire {

struct DocumentInfo {
  std::string name;  // "approval-policy", "templates", …
  std::string title;
  std::string media_type;  // "text/plain" or "application/json"
  std::int64_t revision = 0;
  std::optional<Timestamp> changed_at;
  std::string changed_by;  // a login; empty: imported or Kanal's default
  bool editable = false;   // the caller may change it
  std::string content;     // the text (empty in the list)
};
std::string to_json(const DocumentInfo& document);
std::string to_json(const std::vector<DocumentInfo>& documents);
DocumentInfo parse_document(std::string_view body);
std::vector<DocumentInfo> parse_documents(std::string_view body);

// PUT /api/v1/documents/{name}: the new text, and the revision it was
// edited from (kanald refuses it when the document has moved on since).
struct DocumentChange {
  std::string content;
  std::optional<std::int64_t> base_revision;
};
std::string to_json(const DocumentChange& change);
DocumentChange parse_document_change(std::string_view body);

}  // namespace kanal::wire
