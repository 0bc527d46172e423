#pragma once
// Workspace-wide settings by name, kept in the database so every kanald
// and desktop of a team sees the same.

#include <Poco/Data/Session.h>

#include <optional>
#include <string>

namespace kanal::store {

class SettingRepository {
 public:
  explicit SettingRepository(Poco::Data::Session& session) : session_(session) {}

  std::optional<std::string> get(const std::string& name);
  void set(const std::string& name, const std::string& value);

 private:
  Poco::Data::Session& session_;
};

}  // namespace kanal::store
