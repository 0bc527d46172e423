#include "store/document_repository.h"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

std::vector<WorkspaceDocument> select_documents(Poco::Data::Session& session, const std::string& where,
                                                std::string name) {
  std::vector<std::string> names, contents;
  std::vector<Int64> revisions, at;
  std::vector<Poco::Nullable<Int64>> by;
  if (where.empty()) {
    session << "SELECT name, content, revision, changed_at, changed_by FROM workspace_documents ORDER BY name",
        into(names), into(contents), into(revisions), into(at), into(by), now;
  } else {
    session << "SELECT name, content, revision, changed_at, changed_by FROM workspace_documents WHERE " + where,
        into(names), into(contents), into(revisions), into(at), into(by), use(name), now;
  }
  std::vector<WorkspaceDocument> documents;
  for (std::size_t i = 0; i < names.size(); ++i) {
    documents.push_back({names[i], contents[i], revisions[i], from_unix_ms(at[i]),
                         by[i].isNull() ? std::nullopt : std::optional<UserId>(UserId{by[i].value()})});
  }
  return documents;
}

}  // namespace

std::optional<WorkspaceDocument> DocumentRepository::find(const std::string& name) {
  auto found = select_documents(session_, "name = $1", name);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<WorkspaceDocument> DocumentRepository::all() { return select_documents(session_, {}, {}); }

std::vector<std::pair<std::string, std::int64_t>> DocumentRepository::revisions() {
  std::vector<std::string> names;
  std::vector<Int64> revisions;
  session_ << "SELECT name, revision FROM workspace_documents", into(names), into(revisions), now;
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (std::size_t i = 0; i < names.size(); ++i) out.emplace_back(names[i], revisions[i]);
  return out;
}

bool DocumentRepository::insert_first(const std::string& name, const std::string& content, Timestamp at) {
  std::string key = name;
  std::string text = content;
  Int64 when = to_unix_ms(at);
  Poco::Data::Statement insert(session_);
  insert << "INSERT INTO workspace_documents (name, content, revision, changed_at) VALUES ($1, $2, 1, $3) "
            "ON CONFLICT (name) DO NOTHING",
      use(key), use(text), use(when);
  return insert.execute() == 1;
}

bool DocumentRepository::replace(const std::string& name, std::int64_t expected, const std::string& content, UserId by,
                                 Timestamp at) {
  std::string key = name;
  std::string text = content;
  Int64 revision = expected;
  Int64 who = by.value;
  Int64 when = to_unix_ms(at);
  Poco::Data::Statement update(session_);
  update << "UPDATE workspace_documents SET content = $1, revision = revision + 1, changed_at = $2, changed_by = $3 "
            "WHERE name = $4 AND revision = $5",
      use(text), use(when), use(who), use(key), use(revision);
  return update.execute() == 1;
}

}  // namespace kanal::store
