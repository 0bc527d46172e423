// Reading statuses, notifications and conversations into the plugin
// contract's Interaction: every field checked; a comment too long is cut and
// marked, broken UTF-8 is repaired, and an item that cannot be read is
// skipped with the reason (one bad item must not stop the rest arriving).
#include <Poco/URI.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <set>

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

namespace {

bool word_byte(unsigned char c) { return std::isalnum(c) != 0 || c >= 0x80; }

// The words of a text: runs of letters and digits (and any non-ASCII).
std::set<std::string> words_of(std::string_view text) {
  std::set<std::string> words;
  for (std::size_t at = 0; at < text.size();) {
    if (!word_byte(static_cast<unsigned char>(text[at]))) {
      ++at;
      continue;
    }
    const auto start = at;
    while (at < text.size() && word_byte(static_cast<unsigned char>(text[at]))) ++at;
    words.emplace(text.substr(start, at - start));
  }
  return words;
}

// Tokens a server shows otherwise than written: links, mentions, hashtags,
// custom emoji, domains.
bool shown_otherwise(std::string_view token) {
  if (token.find_first_of("@#:/") != std::string_view::npos) return true;
  for (std::size_t dot = token.find('.'); dot != std::string_view::npos; dot = token.find('.', dot + 1)) {
    if (dot > 0 && dot + 1 < token.size() && word_byte(static_cast<unsigned char>(token[dot - 1])) &&
        word_byte(static_cast<unsigned char>(token[dot + 1]))) {
      return true;
    }
  }
  return false;
}

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string without_carriage_returns(std::string_view text) {
  std::string out;
  for (const char c : trimmed(text)) {
    if (c != '\r') out += c;
  }
  return out;
}

}  // namespace

std::vector<OwnStatus> parse_own_statuses(const std::string& body) {
  return reading("listing the account's posts", [&] {
    auto doc = json::parse_json(body);
    std::vector<OwnStatus> statuses;
    std::size_t index = 0;
    for (const auto& item : json::require_array(doc).GetArray()) {
      const auto path = "statuses[" + std::to_string(index++) + "].";
      json::ObjectReader reader(item, path);
      OwnStatus status;
      status.id = reader.required_string("id", 64);
      status.url = reader.optional_string("url", 4096).value_or(reader.optional_string("uri", 4096).value_or(""));
      status.in_reply_to_id = reader.optional_string("in_reply_to_id", 64).value_or("");
      const auto created = parse_iso8601(reader.required_string("created_at", 64));
      if (!created) throw Error(ErrorCode::invalid_input, path + "created_at is not a time", path + "created_at");
      status.created_at = *created;
      if (!item.HasMember("content") || !item["content"].IsString()) {
        throw Error(ErrorCode::invalid_input, path + "content must be a string", path + "content");
      }
      status.shown_text = html_to_text(
          utf8::repaired(std::string_view(item["content"].GetString(), item["content"].GetStringLength())));
      if (item.HasMember("media_attachments") && item["media_attachments"].IsArray()) {
        status.media = item["media_attachments"].Size();
      }
      statuses.push_back(std::move(status));
    }
    return statuses;
  });
}

std::string parse_status_source(const std::string& body) {
  return reading("reading a post's source", [&] {
    auto doc = json::parse_json(body);
    json::ObjectReader reader(doc);
    return reader.required_string("text", 1'000'000);
  });
}

bool may_be_written_as(std::string_view shown_text, std::string_view written) {
  const auto shown = words_of(shown_text);
  for (std::size_t at = 0; at < written.size();) {
    const auto start = written.find_first_not_of(" \t\r\n", at);
    if (start == std::string_view::npos) break;
    auto end = written.find_first_of(" \t\r\n", start);
    if (end == std::string_view::npos) end = written.size();
    const auto token = written.substr(start, end - start);
    at = end;
    if (shown_otherwise(token)) continue;
    for (const auto& word : words_of(token)) {
      if (shown.count(word) == 0) return false;
    }
  }
  return true;
}

bool written_as(std::string_view source, std::string_view written, bool answer) {
  const auto have = without_carriage_returns(source);
  const auto want = without_carriage_returns(written);
  if (have == want) return true;
  if (!answer || have.size() <= want.size() || have[0] != '@') return false;
  // "@anna@social.example " + the answer as written.
  const auto handle_end = have.size() - want.size();
  return have.compare(handle_end, std::string::npos, want) == 0 && have[handle_end - 1] == ' ' &&
         have.substr(0, handle_end - 1).find_first_of(" \t\n") == std::string::npos;
}

}  // namespace kanal::mastodon
