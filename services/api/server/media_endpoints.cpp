#include "api/server/media_endpoints.h"

#include "api/wire/messages.h"
#include "core/error.h"
#include "core/image_type.h"
#include "core/utf8.h"
#include "store/audit_repository.h"
#include "store/media_repository.h"
#include "store/viewer.h"

namespace kanal::api {
namespace {

// The name to keep: the last path segment of what the client sent, if sane.
std::string clean_filename(const std::optional<std::string>& given) {
  if (!given) return "image";
  if (!utf8::is_valid(*given) || utf8::code_points(*given).value_or(0) > 255) {
    throw Error(ErrorCode::invalid_input, "filename must be valid UTF-8 of at most 255 characters", "filename");
  }
  const auto slash = given->find_last_of("/\\");
  std::string name = slash == std::string::npos ? *given : given->substr(slash + 1);
  if (name.find_first_of(std::string("\0\r\n", 3)) != std::string::npos) {
    throw Error(ErrorCode::invalid_input, "filename must not contain control characters", "filename");
  }
  return name.empty() ? "image" : name;
}

}  // namespace

void add_media_endpoints(Router& router, store::Database& db, const Clock& clock) {
  router.add_upload(
      "POST", "/api/v1/media", Permission::draft,
      [&db, &clock](const Request& request) {
        if (request.body.empty()) throw Error(ErrorCode::invalid_input, "the image is empty", "body");
        const auto type = image_content_type(request.body);
        if (type.empty()) {
          throw Error(ErrorCode::invalid_input, "the file is not a PNG, JPEG, GIF or WebP image", "body");
        }
        if (request.content_type.rfind(type, 0) != 0) {
          throw Error(ErrorCode::invalid_input, "the file is " + type + " but was sent as " + request.content_type,
                      "body");
        }
        const auto filename = clean_filename(request.query_value("filename"));
        const auto at = clock.now();
        auto media = db.transact([&](Poco::Data::Session& session) {
          auto added = store::MediaRepository(session).add(request.user, type, filename, request.body, at);
          store::AuditRepository(session).append(
              AuditEvent{0, at, request.user, "media.upload", "media", added.id.value, wire::to_json(added)});
          return added;
        });
        auto response = Response::json(201, wire::to_json(media));
        response.headers["Location"] = "/api/v1/media/" + std::to_string(media.id.value);
        return response;
      },
      kMaxImageBytes, Router::image_body());

  // An image of a post closed to the caller is not found.
  router.guard("/api/v1/media/{id}", [&db](const Request& request) {
    const MediaId id{request.path_id("id", "image")};
    db.read([&](Poco::Data::Session& session) {
      store::require_visible(store::Viewer(session, request.user).sees_media(id), "image", id.value);
    });
  });

  router.add("GET", "/api/v1/media/{id}", Permission::read, [&db](const Request& request) {
    const MediaId id{request.path_id("id", "image")};
    auto found = db.read([&](Poco::Data::Session& session) {
      store::MediaRepository media(session);
      auto info = media.find(id);
      auto content = info ? media.content(id) : std::nullopt;
      return std::make_pair(info, content);
    });
    if (!found.first || !found.second) throw Error(ErrorCode::not_found, "no image " + std::to_string(id.value));
    Response response;
    response.content_type = found.first->content_type;
    response.body = std::move(*found.second);
    response.headers["ETag"] = "\"" + found.first->sha256 + "\"";
    return response;
  });
}

}  // namespace kanal::api
