#pragma once
// Images uploaded to kanald: their bytes, type and checksum. Posts attach
// them by id (post_media); a row is never changed once written.

#include <Poco/Data/Session.h>

#include <optional>
#include <string>

#include "core/domain.h"

namespace kanal::store {

class MediaRepository {
 public:
  explicit MediaRepository(Poco::Data::Session& session) : session_(session) {}

  MediaInfo add(UserId uploader, const std::string& content_type, const std::string& filename, const std::string& bytes,
                Timestamp when);
  std::optional<MediaInfo> find(MediaId id);
  std::optional<std::string> content(MediaId id);

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
