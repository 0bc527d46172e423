// Reading statuses, notifications and conversations into the plugin
// contract's Interaction: every field checked; a comment too long is cut and
// marked, broken UTF-8 is repaired, and an item that cannot be read is
// skipped with the reason (one bad item must not stop the rest arriving).
#include <Poco/URI.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "mastodon_responses.h"

namespace kanal::mastodon {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

bool id_less(const std::string& a, const std::string& b) { return a.size() != b.size() ? a.size() < b.size() : a < b; }

void append_code_point(std::string& out, unsigned long code) {
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
  char bytes[U8_MAX_LENGTH];
  std::int32_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, static_cast<UChar32>(code));
  out.append(bytes, static_cast<std::size_t>(length));
}

// "&amp;" at `at` → "&", advancing `at` past it; false if it is no entity.
bool decode_entity(std::string_view html, std::size_t& at, std::string& out) {
  const auto end = html.find(';', at);
  if (end == std::string_view::npos || end - at > 10) return false;
  const auto name = html.substr(at + 1, end - at - 1);
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\u00a0"}};
  for (const auto& [entity, text] : kNamed) {
    if (name == entity) {
      out += text;
      at = end + 1;
      return true;
    }
  }
  if (name.size() > 1 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const auto digits = std::string(name.substr(hex ? 2 : 1));
    if (digits.empty() ||
        digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") != std::string::npos) {
      return false;
    }
    append_code_point(out, std::stoul(digits, nullptr, hex ? 16 : 10));
    at = end + 1;
    return true;
  }
  return false;
}

// The account as a handle anyone can use: "@acct" with the instance's host
// added for the instance's own users.
plugin::Person read_person(const rapidjson::Value& value, const std::string& path, const std::string& host) {
  json::ObjectReader reader(value, path);
  plugin::Person person;
  person.network_account_id = reader.required_string("id", 64);
  const auto acct = reader.required_string("acct", 512);
  person.handle = "@" + acct + (acct.find('@') == std::string::npos ? "@" + host : "");
  person.display_name = reader.optional_string("display_name", 512).value_or("");
  if (person.display_name.empty()) person.display_name = acct;
  return person;
}

plugin::Interaction read_status(const rapidjson::Value& value, const std::string& path, const std::string& host) {
  json::ObjectReader reader(value, path);
  plugin::Interaction interaction;
  interaction.network_id = reader.required_string("id", 64);
  const auto created = parse_iso8601(reader.required_string("created_at", 64));
  if (!created) throw Error(ErrorCode::invalid_input, path + "created_at is not a time", path + "created_at");
  interaction.created_at = *created;
  interaction.in_reply_to_id = reader.optional_string("in_reply_to_id", 64).value_or("");
  interaction.language = reader.optional_string("language", 16).value_or("");
  interaction.url = reader.optional_string("url", 4096).value_or(reader.optional_string("uri", 4096).value_or(""));
  const auto visibility = reader.optional_string("visibility", 32).value_or("public");
  interaction.kind = visibility == "direct"                ? plugin::InteractionKind::direct_message
                     : !interaction.in_reply_to_id.empty() ? plugin::InteractionKind::reply
                                                           : plugin::InteractionKind::mention;
  // The content is read by hand: it may be huge or broken, and is kept anyway.
  if (!value.HasMember("content") || !value["content"].IsString()) {
    throw Error(ErrorCode::invalid_input, path + "content must be a string", path + "content");
  }
  const std::string_view raw(value["content"].GetString(), value["content"].GetStringLength());
  auto text = html_to_text(utf8::repaired(raw));
  const auto kept = utf8::prefix(text, plugin::kMaxInteractionText);
  interaction.truncated = kept.size() < text.size();
  interaction.text = std::string(kept);
  const auto* account = reader.optional_object("account");
  if (account == nullptr) throw Error(ErrorCode::invalid_input, path + "account is required", path + "account");
  interaction.author = read_person(*account, path + "account.", host);
  return interaction;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (std::size_t at = 0; at < html.size();) {
    const char c = html[at];
    if (c == '<') {
      const auto end = html.find('>', at);
      if (end == std::string_view::npos) break;  // a tag cut off: drop it
      std::string tag(html.substr(at + 1, end - at - 1));
      std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char ch) { return std::tolower(ch); });
      if (tag.rfind("br", 0) == 0) out += '\n';
      if (tag == "/p" && end + 1 < html.size()) out += "\n\n";
      at = end + 1;
    } else if (c == '&' && decode_entity(html, at, out)) {
      continue;
    } else {
      out += c;
      ++at;
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

plugin::InteractionPage parse_notifications(const std::string& body, const std::string& cursor, std::size_t limit,
                                            const std::string& instance_url) {
  const auto host = Poco::URI(instance_url).getHost();
  return reading("the notifications", [&] {
    auto doc = json::parse_json(utf8::repaired(body));
    if (!doc.IsArray()) throw Error(ErrorCode::invalid_input, "notifications must be an array");
    plugin::InteractionPage page;
    page.next_cursor = cursor;
    for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
      const auto path = "[" + std::to_string(i) + "].";
      try {
        json::ObjectReader reader(doc[i], path);
        const auto id = reader.required_string("id", 64);
        if (id_less(page.next_cursor, id)) page.next_cursor = id;
        if (reader.required_string("type", 64) != "mention") continue;
        const auto* status = reader.optional_object("status");
        if (status == nullptr) throw Error(ErrorCode::invalid_input, path + "status is required");
        page.items.push_back(read_status(*status, path + "status.", host));
      } catch (const Error& e) {
        page.unreadable.push_back(e.detail());
      }
    }
    std::sort(page.items.begin(), page.items.end(),
              [](const auto& a, const auto& b) { return id_less(a.network_id, b.network_id); });
    page.more = doc.Size() >= limit;
    return page;
  });
}

plugin::Thread parse_context(const std::string& body, const std::string& instance_url) {
  const auto host = Poco::URI(instance_url).getHost();
  return reading("the conversation", [&] {
    auto doc = json::parse_json(utf8::repaired(body));
    json::ObjectReader reader(doc);
    plugin::Thread thread;
    for (const char* name : {"ancestors", "descendants"}) {
      const auto* list = reader.optional_array(name);
      if (list == nullptr) throw Error(ErrorCode::invalid_input, std::string(name) + " is required", name);
      auto& target = std::string(name) == "ancestors" ? thread.ancestors : thread.descendants;
      for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        target.push_back(read_status((*list)[i], std::string(name) + "[" + std::to_string(i) + "].", host));
      }
    }
    return thread;
  });
}

plugin::AccountMetrics parse_account_metrics(const std::string& body) {
  return reading("the account", [&] {
    auto doc = json::parse_json(body);
    json::ObjectReader reader(doc);
    plugin::AccountMetrics metrics;
    metrics.followers = reader.optional_int("followers_count", 0, INT64_MAX);
    metrics.following = reader.optional_int("following_count", 0, INT64_MAX);
    metrics.posts = reader.optional_int("statuses_count", 0, INT64_MAX);
    return metrics;
  });
}

plugin::PostMetrics parse_post_metrics(const std::string& body) {
  return reading("the post", [&] {
    auto doc = json::parse_json(body);
    json::ObjectReader reader(doc);
    plugin::PostMetrics metrics;
    metrics.network_id = reader.required_string("id", 64);
    metrics.likes = reader.optional_int("favourites_count", 0, INT64_MAX);
    metrics.shares = reader.optional_int("reblogs_count", 0, INT64_MAX);
    metrics.replies = reader.optional_int("replies_count", 0, INT64_MAX);
    // Mastodon does not count impressions: they stay "not available".
    return metrics;
  });
}

}  // namespace kanal::mastodon
