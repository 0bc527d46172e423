#include "api/server/document_endpoints.h"

#include "api/wire/documents.h"
#include "store/user_repository.h"

namespace kanal::api {
namespace {

constexpr Permission kChange = Permission::admin;

wire::DocumentInfo info_of(const store::WorkspaceDocument& document, const std::string& changed_by,
                           const Request& request) {
  const auto& about = settings::find_document(document.name);
  wire::DocumentInfo info;
  info.name = document.name;
  info.title = std::string(about.title);
  info.media_type = std::string(about.media_type);
  info.revision = document.revision;
  if (document.revision > 0) info.changed_at = document.changed_at;
  info.changed_by = changed_by;
  info.editable = role_may(request.role, kChange);
  info.content = document.content;
  return info;
}

std::string login_of(store::Database& db, const std::optional<UserId>& user) {
  if (!user) return {};
  const auto found = db.read([&](Poco::Data::Session& session) { return store::UserRepository(session).find(*user); });
  return found ? found->login : std::string{};
}

}  // namespace

void add_document_endpoints(Router& router, store::Database& db, settings::WorkspaceSettings& documents) {
  router.add("GET", "/api/v1/documents", Permission::read, [&db, &documents](const Request& request) {
    std::vector<wire::DocumentInfo> list;
    for (auto& document : documents.list()) {
      document.content.clear();
      list.push_back(info_of(document, login_of(db, document.changed_by), request));
    }
    return Response::json(200, wire::to_json(list));
  });

  router.add("GET", "/api/v1/documents/{name}", Permission::read, [&db, &documents](const Request& request) {
    const auto& about = settings::find_document(request.path_params.at("name"));
    const auto document = documents.document(about.document);
    return Response::json(200, wire::to_json(info_of(document, login_of(db, document.changed_by), request)));
  });

  // The content is up to 1 MB, which JSON escaping may make six times as long (\u0001).
  router.add_upload(
      "PUT", "/api/v1/documents/{name}", kChange,
      [&db, &documents](const Request& request) {
        const auto& about = settings::find_document(request.path_params.at("name"));
        const auto change = wire::parse_document_change(request.body);
        const auto document = documents.replace(about.document, change.content, request.user, change.base_revision);
        return Response::json(200, wire::to_json(info_of(document, login_of(db, document.changed_by), request)));
      },
      7 * 1024 * 1024, Router::json_body());
}

}  // namespace kanal::api
