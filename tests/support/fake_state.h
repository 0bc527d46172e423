#pragma once
// Reading a fake network's state (its JSON dump of posts, comments, media):
// what tests of the Meta plugin and of the app look up in it.

#include <rapidjson/document.h>

#include <string>
#include <vector>

namespace kanal::test {

inline std::string text_at(const rapidjson::Value& value, const char* key) {
  return value.HasMember(key) && value[key].IsString() ? value[key].GetString() : "";
}

inline bool flag(const rapidjson::Value& value, const char* key) {
  return value.HasMember(key) && value[key].IsBool() && value[key].GetBool();
}

// The live (not deleted) items of `list` whose `key` is `value`.
inline std::vector<const rapidjson::Value*> live(const rapidjson::Value& state, const char* list, const char* key,
                                                 const std::string& value) {
  std::vector<const rapidjson::Value*> found;
  for (const auto& item : state[list].GetArray()) {
    if (!flag(item, "deleted") && text_at(item, key) == value) found.push_back(&item);
  }
  return found;
}

inline const rapidjson::Value* by_id(const rapidjson::Value& state, const char* list, const std::string& id) {
  for (const auto& item : state[list].GetArray()) {
    if (text_at(item, "id") == id) return &item;
  }
  return nullptr;
}

}  // namespace kanal::test
