#include "bluesky_records.h"

#include <algorithm>

#include "bluesky_session.h"
#include "bluesky_xrpc.h"
#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"

namespace kanal::bluesky {
namespace {

void write_ref(json::JsonWriter& w, const char* key, const StrongRef& ref) {
  w.Key(key);
  w.StartObject();
  json::write_string(w, "uri", ref.uri);
  json::write_string(w, "cid", ref.cid);
  w.EndObject();
}

std::uint32_t big_endian(const std::string& bytes, std::size_t at, int length) {
  std::uint32_t value = 0;
  for (int i = 0; i < length; ++i)
    value = value << 8 | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  return value;
}

std::uint32_t little_endian(const std::string& bytes, std::size_t at, int length) {
  std::uint32_t value = 0;
  for (int i = length - 1; i >= 0; --i)
    value = value << 8 | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  return value;
}

std::optional<std::pair<int, int>> jpeg_size(const std::string& bytes) {
  std::size_t at = 2;
  while (at + 9 < bytes.size()) {
    if (static_cast<unsigned char>(bytes[at]) != 0xFF) return std::nullopt;
    const auto marker = static_cast<unsigned char>(bytes[at + 1]);
    const auto length = big_endian(bytes, at + 2, 2);
    // Start of frame (baseline, progressive, …), not DHT, JPG or DAC.
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      return std::pair{static_cast<int>(big_endian(bytes, at + 7, 2)), static_cast<int>(big_endian(bytes, at + 5, 2))};
    }
    at += 2 + length;
  }
  return std::nullopt;
}

plugin::Person person_of(const rapidjson::Value& author) {
  json::ObjectReader reader(author, "author.");
  plugin::Person person;
  person.network_account_id = reader.required_string("did", 2048);
  person.handle = "@" + reader.required_string("handle", 512);
  person.display_name = reader.optional_string("displayName", 640).value_or("");
  return person;
}

// A post's own record: its text, first language and what it answers.
void read_record(const rapidjson::Value& record, plugin::Interaction& item) {
  if (!record.IsObject()) throw Error(ErrorCode::invalid_input, "record is not an object");
  const auto text = string_at(record, "text");
  const auto kept = utf8::prefix(text, plugin::kMaxInteractionText);
  item.truncated = kept.size() < text.size();
  item.text = std::string(kept);
  if (record.HasMember("langs") && record["langs"].IsArray() && !record["langs"].Empty() &&
      record["langs"][0].IsString()) {
    item.language = std::string(record["langs"][0].GetString()).substr(0, 2);
  }
  if (record.HasMember("reply") && record["reply"].IsObject() && record["reply"].HasMember("parent")) {
    item.in_reply_to_id = string_at(record["reply"]["parent"], "uri");
  }
  if (auto at = parse_iso8601(string_at(record, "createdAt"))) item.created_at = *at;
}

void collect_replies(const rapidjson::Value& node, const std::string& web_url, std::vector<plugin::Interaction>& out,
                     const std::vector<std::string>& hidden, int depth) {
  if (depth > 50 || !node.IsObject() || !node.HasMember("replies") || !node["replies"].IsArray()) return;
  for (const auto& reply : node["replies"].GetArray()) {
    if (!reply.IsObject() || !reply.HasMember("post")) continue;  // a blocked or deleted reply
    try {
      auto item = interaction_of(reply["post"], web_url);
      item.hidden = std::find(hidden.begin(), hidden.end(), item.network_id) != hidden.end();
      out.push_back(std::move(item));
    } catch (const Error&) {
      continue;
    }
    collect_replies(reply, web_url, out, hidden, depth + 1);
  }
}

}  // namespace

std::string link_uri(const std::string& written) {
  if (written.rfind("https://", 0) == 0 || written.rfind("http://", 0) == 0) return written;
  return "https://" + written;
}

std::string post_record_json(const PostRecord& post) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "$type", "app.bsky.feed.post");
    json::write_string(w, "text", post.text);
    json::write_string(w, "createdAt", post.created_at);
    if (!post.language.empty()) {
      w.Key("langs");
      w.StartArray();
      w.String(post.language.c_str());
      w.EndArray();
    }
    if (!post.facets.empty()) {
      w.Key("facets");
      w.StartArray();
      for (const auto& facet : post.facets) {
        w.StartObject();
        w.Key("index");
        w.StartObject();
        w.Key("byteStart");
        w.Uint64(facet.byte_start);
        w.Key("byteEnd");
        w.Uint64(facet.byte_end);
        w.EndObject();
        w.Key("features");
        w.StartArray();
        w.StartObject();
        switch (facet.kind) {
          case plugin::TextEntity::link:
            json::write_string(w, "$type", "app.bsky.richtext.facet#link");
            json::write_string(w, "uri", facet.value);
            break;
          case plugin::TextEntity::mention:
            json::write_string(w, "$type", "app.bsky.richtext.facet#mention");
            json::write_string(w, "did", facet.value);
            break;
          case plugin::TextEntity::hashtag:
            json::write_string(w, "$type", "app.bsky.richtext.facet#tag");
            json::write_string(w, "tag", facet.value);
            break;
        }
        w.EndObject();
        w.EndArray();
        w.EndObject();
      }
      w.EndArray();
    }
    if (!post.images.empty()) {
      w.Key("embed");
      w.StartObject();
      json::write_string(w, "$type", "app.bsky.embed.images");
      w.Key("images");
      w.StartArray();
      for (const auto& image : post.images) {
        w.StartObject();
        json::write_string(w, "alt", image.alt);
        w.Key("image");
        w.RawValue(image.blob_json.c_str(), image.blob_json.size(), rapidjson::kObjectType);
        if (image.size && image.size->first > 0 && image.size->second > 0) {
          w.Key("aspectRatio");
          w.StartObject();
          w.Key("width");
          w.Int(image.size->first);
          w.Key("height");
          w.Int(image.size->second);
          w.EndObject();
        }
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    if (post.reply) {
      w.Key("reply");
      w.StartObject();
      write_ref(w, "root", post.reply->root);
      write_ref(w, "parent", post.reply->parent);
      w.EndObject();
    }
    w.EndObject();
  });
}

std::optional<std::pair<int, int>> image_size(const std::string& bytes) {
  if (bytes.size() >= 24 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
    return std::pair{static_cast<int>(big_endian(bytes, 16, 4)), static_cast<int>(big_endian(bytes, 20, 4))};
  }
  if (bytes.size() >= 10 && (bytes.compare(0, 6, "GIF87a") == 0 || bytes.compare(0, 6, "GIF89a") == 0)) {
    return std::pair{static_cast<int>(little_endian(bytes, 6, 2)), static_cast<int>(little_endian(bytes, 8, 2))};
  }
  if (bytes.size() >= 4 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xD8) {
    return jpeg_size(bytes);
  }
  if (bytes.size() >= 30 && bytes.compare(0, 4, "RIFF") == 0 && bytes.compare(8, 4, "WEBP") == 0) {
    if (bytes.compare(12, 4, "VP8X") == 0) {
      return std::pair{static_cast<int>(little_endian(bytes, 24, 3)) + 1,
                       static_cast<int>(little_endian(bytes, 27, 3)) + 1};
    }
    if (bytes.compare(12, 4, "VP8 ") == 0) {
      return std::pair{static_cast<int>(little_endian(bytes, 26, 2) & 0x3FFF),
                       static_cast<int>(little_endian(bytes, 28, 2) & 0x3FFF)};
    }
    if (bytes.compare(12, 4, "VP8L") == 0 && bytes.size() >= 25) {
      const auto bits = little_endian(bytes, 21, 4);
      return std::pair{static_cast<int>((bits & 0x3FFF) + 1), static_cast<int>(((bits >> 14) & 0x3FFF) + 1)};
    }
  }
  return std::nullopt;
}

std::string post_url(const std::string& web_url, const std::string& handle, const std::string& uri) {
  const auto parsed = parse_at_uri(uri);
  if (!parsed) return {};
  const auto who = handle.empty() ? parsed->repo : (handle.front() == '@' ? handle.substr(1) : handle);
  return web_url + "/profile/" + who + "/post/" + parsed->rkey;
}

plugin::Interaction interaction_of(const rapidjson::Value& post_view, const std::string& web_url) {
  json::ObjectReader reader(post_view, "post.");
  plugin::Interaction item;
  item.network_id = reader.required_string("uri", 4096);
  const auto* author = reader.optional_object("author");
  if (author == nullptr) throw Error(ErrorCode::invalid_input, "a post without its author");
  item.author = person_of(*author);
  const auto* record = reader.optional_object("record");
  if (record == nullptr) throw Error(ErrorCode::invalid_input, "a post without its record");
  read_record(*record, item);
  item.kind = item.in_reply_to_id.empty() ? plugin::InteractionKind::mention : plugin::InteractionKind::reply;
  item.url = post_url(web_url, item.author.handle, item.network_id);
  return item;
}

NotificationPage parse_notifications(const rapidjson::Document& answer, const std::string& after,
                                     const std::string& web_url) {
  NotificationPage page;
  page.cursor = string_at(answer, "cursor");
  if (!answer.HasMember("notifications") || !answer["notifications"].IsArray()) {
    throw Error(ErrorCode::invalid_input, "notifications is missing");
  }
  for (const auto& notification : answer["notifications"].GetArray()) {
    const auto indexed_at = string_at(notification, "indexedAt");
    if (!indexed_at.empty()) {
      if (page.newest_indexed_at.empty() || indexed_at > page.newest_indexed_at) page.newest_indexed_at = indexed_at;
      if (page.oldest_indexed_at.empty() || indexed_at < page.oldest_indexed_at) page.oldest_indexed_at = indexed_at;
    }
    // Replies, mentions and quotes are addressed to the account; likes,
    // reposts and follows are figures, not comments.
    const auto reason = string_at(notification, "reason");
    if (reason != "reply" && reason != "mention" && reason != "quote") continue;
    if (!after.empty() && !indexed_at.empty() && indexed_at <= after) continue;
    try {
      json::ObjectReader reader(notification, "notification.");
      plugin::Interaction item;
      item.network_id = reader.required_string("uri", 4096);
      const auto* author = reader.optional_object("author");
      const auto* record = reader.optional_object("record");
      if (author == nullptr || record == nullptr) throw Error(ErrorCode::invalid_input, "author or record missing");
      item.author = person_of(*author);
      read_record(*record, item);
      item.kind = reason == "reply" ? plugin::InteractionKind::reply : plugin::InteractionKind::mention;
      item.url = post_url(web_url, item.author.handle, item.network_id);
      page.items.push_back(std::move(item));
    } catch (const Error& e) {
      page.unreadable.push_back("a notification (" + string_at(notification, "uri") + "): " + e.detail());
    }
  }
  std::reverse(page.items.begin(), page.items.end());  // the server gives the newest first
  return page;
}

plugin::Thread parse_thread(const rapidjson::Document& answer, const std::string& web_url) {
  plugin::Thread thread;
  if (!answer.HasMember("thread") || !answer["thread"].IsObject() || !answer["thread"].HasMember("post")) {
    throw Error(ErrorCode::invalid_input, "the thread is missing or not found");
  }
  const auto& node = answer["thread"];
  // The replies its root's threadgate hides.
  std::vector<std::string> hidden;
  const rapidjson::Value* root = &node;
  for (int depth = 0;
       depth < 100 && root->HasMember("parent") && (*root)["parent"].IsObject() && (*root)["parent"].HasMember("post");
       ++depth) {
    root = &(*root)["parent"];
  }
  const auto& root_post = (*root)["post"];
  if (root_post.HasMember("threadgate") && root_post["threadgate"].IsObject() &&
      root_post["threadgate"].HasMember("record")) {
    const auto& gate = root_post["threadgate"]["record"];
    if (gate.IsObject() && gate.HasMember("hiddenReplies") && gate["hiddenReplies"].IsArray()) {
      for (const auto& uri : gate["hiddenReplies"].GetArray()) {
        if (uri.IsString()) hidden.emplace_back(uri.GetString());
      }
    }
  }
  for (const rapidjson::Value* parent = &node;
       parent->HasMember("parent") && (*parent)["parent"].IsObject() && (*parent)["parent"].HasMember("post");) {
    parent = &(*parent)["parent"];
    thread.ancestors.insert(thread.ancestors.begin(), interaction_of((*parent)["post"], web_url));
    if (thread.ancestors.size() > 100) break;
  }
  collect_replies(node, web_url, thread.descendants, hidden, 0);
  return thread;
}

plugin::PostMetrics post_metrics_of(const rapidjson::Value& post_view) {
  plugin::PostMetrics metrics;
  metrics.network_id = string_at(post_view, "uri");
  metrics.likes = count_at(post_view, "likeCount");
  metrics.shares = count_at(post_view, "repostCount");
  metrics.replies = count_at(post_view, "replyCount");
  metrics.quotes = count_at(post_view, "quoteCount");
  return metrics;  // impressions: Bluesky does not count them
}

}  // namespace kanal::bluesky
