#include "facebook_items.h"

#include "graph_api.h"
#include "graph_objects.h"

namespace kanal::facebook {

plugin::Person person_of(const rapidjson::Value& item) {
  const auto* from = meta::member(item, "from");
  if (from == nullptr) return {};  // Graph names a commenter only to a page with the right permission
  const auto name = meta::string_at(*from, "name");
  return plugin::Person{meta::string_at(*from, "id"), name, name};
}

std::optional<plugin::Interaction> interaction_of(const rapidjson::Value& item, plugin::InteractionKind kind,
                                                  const std::string& in_reply_to,
                                                  std::vector<std::string>& unreadable) {
  auto interaction = meta::interaction_at(item, "created_time", kind, in_reply_to, unreadable);
  if (!interaction) return std::nullopt;
  interaction->author = person_of(item);
  meta::set_text(*interaction, meta::string_at(item, "message"));
  if (const auto* parent = meta::member(item, "parent")) {
    const auto parent_id = meta::string_at(*parent, "id");
    if (meta::is_graph_id(parent_id)) interaction->in_reply_to_id = parent_id;
  }
  interaction->url = meta::string_at(item, "permalink_url");
  interaction->hidden = item.HasMember("is_hidden") && item["is_hidden"].IsBool() && item["is_hidden"].GetBool();
  return interaction;
}

}  // namespace kanal::facebook
