#include "instagram_items.h"

#include "graph_api.h"
#include "graph_objects.h"

namespace kanal::instagram {

std::optional<plugin::Interaction> interaction_of(const rapidjson::Value& item, plugin::InteractionKind kind,
                                                  const std::string& in_reply_to, const char* text_field,
                                                  std::vector<std::string>& unreadable) {
  auto interaction = meta::interaction_at(item, "timestamp", kind, in_reply_to, unreadable);
  if (!interaction) return std::nullopt;
  auto username = meta::string_at(item, "username");
  std::string author_id;
  if (const auto* from = meta::member(item, "from")) {
    author_id = meta::string_at(*from, "id");
    if (username.empty()) username = meta::string_at(*from, "username");
  }
  interaction->author = plugin::Person{author_id.empty() ? username : author_id, "@" + username, username};
  meta::set_text(*interaction, meta::string_at(item, text_field));
  interaction->url = meta::string_at(item, "permalink");
  interaction->hidden = item.HasMember("hidden") && item["hidden"].IsBool() && item["hidden"].GetBool();
  return interaction;
}

}  // namespace kanal::instagram
