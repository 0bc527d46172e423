#include "graph_objects.h"

#include <cctype>
#include <charconv>

#include "core/utf8.h"
#include "kanal/plugin/answers.h"

namespace kanal::meta {

std::optional<Timestamp> graph_time(std::string_view text) {
  std::string iso(text);
  // +0000 (no colon) is how Graph writes UTC; RFC 3339 says Z.
  if (iso.size() > 5 && (iso.ends_with("+0000") || iso.ends_with("-0000"))) iso = iso.substr(0, iso.size() - 5) + "Z";
  return parse_iso8601(iso);
}

std::string unix_seconds(Timestamp at) { return std::to_string(to_unix_ms(at) / 1000); }

std::optional<Timestamp> cursor_time(const std::string& cursor) {
  if (cursor.empty()) return std::nullopt;
  std::int64_t seconds = 0;
  const auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), seconds);
  constexpr std::int64_t kLastSecond = 253'402'300'799;  // 9999-12-31T23:59:59Z: no overflow in milliseconds
  if (error != std::errc() || end != cursor.data() + cursor.size() || seconds <= 0 || seconds > kLastSecond) {
    throw plugin::NetworkError(plugin::FailureKind::rejected, "the inbox cursor '" + cursor + "' is not a time");
  }
  return from_unix_ms(seconds * 1000);
}

bool is_graph_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  bool underscore = false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (id[i] == '_' && !underscore && i > 0 && i + 1 < id.size()) {
      underscore = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(id[i]))) return false;
  }
  return true;
}

std::string comparable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    out += text[i];
  }
  const auto first = out.find_first_not_of(" \n\t");
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(" \n\t") - first + 1);
}

void set_text(plugin::Interaction& item, const std::string& text) {
  const auto readable = utf8::repaired(text);
  const auto kept = utf8::prefix(readable, plugin::kMaxInteractionText);
  item.truncated = kept.size() < readable.size();
  item.text = std::string(kept);
}

std::optional<plugin::Interaction> interaction_at(const rapidjson::Value& item, const char* time_field,
                                                  plugin::InteractionKind kind, const std::string& in_reply_to,
                                                  std::vector<std::string>& unreadable) {
  plugin::Interaction interaction;
  interaction.network_id = plugin::string_at(item, "id");
  const auto created = graph_time(plugin::string_at(item, time_field));
  if (!is_graph_id(interaction.network_id) || !created) {
    unreadable.push_back("an item without an id or a time: " + interaction.network_id);
    return std::nullopt;
  }
  interaction.kind = kind;
  interaction.created_at = *created;
  interaction.in_reply_to_id = in_reply_to;
  return interaction;
}

}  // namespace kanal::meta
