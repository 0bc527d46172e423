#include "store/media_repository.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Statement.h>

#include "core/error.h"
#include "store/sha256.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
MediaInfo MediaRepository::add(UserId uploader, const std::string& content_type, const std::string& filename,
                               const std::string& bytes, Timestamp when) {
  MediaInfo info;
  info.uploader = uploader;
  info.content_type = content_type;
  info.filename = filename;
  info.size_bytes = static_cast<std::int64_t>(bytes.size());
  info.sha256 = sha256_hex(bytes);
  info.created_at = when;

  Int64 uploader_id = uploader.value;
  Int64 size = info.size_bytes;
  Int64 at = to_unix_ms(when);
  Poco::Data::BLOB content(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  Int64 id = 0;
  session_ << "INSERT INTO media (uploader_id, content_type, filename, size_bytes, sha256, content, created_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      use(uploader_id), bind(info.content_type), bind(info.filename), use(size), bind(info.sha256), use(content),
      use(at), into(id), now;
  info.id = MediaId{id};
  return info;
}

std::optional<MediaInfo> MediaRepository::find(MediaId id) {
  Int64 key = id.value;
  std::vector<Int64> uploader, size, created;
  std::vector<std::string> content_type, filename, sha256;
  session_ << "SELECT uploader_id, content_type, filename, size_bytes, sha256, created_at FROM media WHERE id = $1",
      use(key), into(uploader), into(content_type), into(filename), into(size), into(sha256), into(created), now;
  if (uploader.empty()) return std::nullopt;
  return MediaInfo{id, UserId{uploader[0]}, content_type[0], filename[0], size[0], sha256[0], from_unix_ms(created[0])};
}

std::optional<std::string> MediaRepository::content(MediaId id) {
  Int64 key = id.value;
  std::vector<Poco::Data::BLOB> content;
  session_ << "SELECT content FROM media WHERE id = $1", use(key), into(content), now;
  if (content.empty()) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(content[0].rawContent()), content[0].size());
}

}  // namespace kanal::store
