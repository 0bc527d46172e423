#include "api/wire/documents.h"

#include <limits>

#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {
namespace {

using json::JsonWriter;
using json::ObjectReader;

constexpr std::size_t kMaxContent = 1'000'000;
constexpr auto kMaxRevision = std::numeric_limits<std::int64_t>::max();

void write_document(JsonWriter& w, const DocumentInfo& document, bool with_content) {
  w.StartObject();
  json::write_string(w, "name", document.name);
  json::write_string(w, "title", document.title);
  json::write_string(w, "media_type", document.media_type);
  w.Key("revision");
  w.Int64(document.revision);
  json::write_optional_time(w, "changed_at", document.changed_at);
  json::write_string(w, "changed_by", document.changed_by);
  w.Key("editable");
  w.Bool(document.editable);
  if (with_content) json::write_string(w, "content", document.content);
  w.EndObject();
}

DocumentInfo read_document(ObjectReader& reader) {
  DocumentInfo document;
  document.name = reader.required_string("name", 64);
  document.title = reader.required_string("title", 200);
  document.media_type = reader.required_string("media_type", 64);
  document.revision = reader.required_int("revision", 0, kMaxRevision);
  document.changed_at = json::read_optional_time(reader, "changed_at");
  document.changed_by = reader.optional_string("changed_by", 200).value_or("");
  document.editable = reader.optional_bool("editable").value_or(false);
  document.content = reader.optional_string("content", kMaxContent).value_or("");
  return document;
}

}  // namespace

std::string to_json(const DocumentInfo& document) {
  return json::written([&](JsonWriter& w) { write_document(w, document, true); });
}

std::string to_json(const std::vector<DocumentInfo>& documents) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("documents");
    w.StartArray();
    for (const auto& document : documents) write_document(w, document, false);
    w.EndArray();
    w.EndObject();
  });
}

DocumentInfo parse_document(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::invalid_input, "a document must be a JSON object");
  ObjectReader reader(doc);
  return read_document(reader);
}

std::vector<DocumentInfo> parse_documents(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::invalid_input, "the document list must be a JSON object");
  ObjectReader top(doc);
  std::vector<DocumentInfo> documents;
  if (const auto* items = top.optional_array("documents")) {
    for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
      const auto& item = (*items)[i];
      if (!item.IsObject()) throw Error(ErrorCode::invalid_input, "a document must be a JSON object");
      ObjectReader reader(item, "documents[" + std::to_string(i) + "].");
      documents.push_back(read_document(reader));
    }
  }
  return documents;
}

std::string to_json(const DocumentChange& change) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "content", change.content);
    json::write_optional_int(w, "base_revision", change.base_revision);
    w.EndObject();
  });
}

DocumentChange parse_document_change(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::invalid_input, "the body must be a JSON object");
  ObjectReader reader(doc);
  DocumentChange change;
  change.content = reader.required_string("content", kMaxContent);
  change.base_revision = reader.optional_int("base_revision", 0, kMaxRevision);
  reader.reject_unknown();
  return change;
}

}  // namespace kanal::wire
