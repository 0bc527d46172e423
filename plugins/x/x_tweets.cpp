#include "x_tweets.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>

#include "core/utf8.h"
#include "x_api.h"

namespace kanal::x {

namespace {

std::optional<Tweet> tweet_of(const rapidjson::Value& value) {
  Tweet tweet;
  tweet.id = string_at(value, "id");
  if (!is_post_id(tweet.id)) return std::nullopt;
  tweet.text = utf8::repaired(string_at(value, "text"));
  tweet.author_id = string_at(value, "author_id");
  tweet.conversation_id = string_at(value, "conversation_id");
  tweet.in_reply_to_user_id = string_at(value, "in_reply_to_user_id");
  for (auto* id : {&tweet.author_id, &tweet.conversation_id, &tweet.in_reply_to_user_id}) {
    if (!id->empty() && !is_post_id(*id)) return std::nullopt;
  }
  tweet.lang = string_at(value, "lang");
  tweet.created_at = parse_iso8601(string_at(value, "created_at"));
  if (const auto* referenced = member(value, "referenced_tweets"); referenced && referenced->IsArray()) {
    for (const auto& ref : referenced->GetArray()) {
      if (string_at(ref, "type") == "replied_to") tweet.replied_to = string_at(ref, "id");
    }
    if (!tweet.replied_to.empty() && !is_post_id(tweet.replied_to)) return std::nullopt;
  }
  return tweet;
}

std::string unescaped(std::string text) {
  // X escapes these three in post texts.
  for (const auto& [from, to] : {std::pair{"&lt;", "<"}, std::pair{"&gt;", ">"}, std::pair{"&amp;", "&"}}) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) {
      text.replace(at, std::string_view(from).size(), to);
    }
  }
  return text;
}

}  // namespace

std::vector<Tweet> tweets_of(const rapidjson::Value& answer, std::vector<std::string>* unreadable) {
  std::vector<Tweet> tweets;
  if (!answer.IsObject() || !answer.HasMember("data")) return tweets;
  const auto& data = answer["data"];
  auto read = [&](const rapidjson::Value& value) {
    if (auto tweet = tweet_of(value)) {
      tweets.push_back(std::move(*tweet));
    } else if (unreadable != nullptr) {
      unreadable->push_back("a post without a readable id");
    }
  };
  if (data.IsArray()) {
    for (const auto& value : data.GetArray()) read(value);
  } else if (data.IsObject()) {
    read(data);
  }
  return tweets;
}

std::map<std::string, plugin::Person> people_of(const rapidjson::Value& answer) {
  std::map<std::string, plugin::Person> people;
  const auto* includes = member(answer, "includes");
  const auto* users = includes != nullptr ? member(*includes, "users") : nullptr;
  if (users == nullptr || !users->IsArray()) return people;
  for (const auto& user : users->GetArray()) {
    plugin::Person person{string_at(user, "id"), "@" + string_at(user, "username"), string_at(user, "name")};
    if (person.display_name.empty()) person.display_name = person.handle;
    if (!person.network_account_id.empty()) people[person.network_account_id] = std::move(person);
  }
  return people;
}

plugin::Interaction interaction_of(const Tweet& tweet, const std::map<std::string, plugin::Person>& people,
                                   const std::string& account_id) {
  plugin::Interaction item;
  item.network_id = tweet.id;
  item.kind = !tweet.replied_to.empty() && tweet.in_reply_to_user_id == account_id ? plugin::InteractionKind::reply
                                                                                   : plugin::InteractionKind::mention;
  if (const auto found = people.find(tweet.author_id); found != people.end()) {
    item.author = found->second;
  } else {
    item.author = plugin::Person{tweet.author_id, tweet.author_id, tweet.author_id};
  }
  const auto kept = utf8::prefix(tweet.text, plugin::kMaxInteractionText);
  item.truncated = kept.size() < tweet.text.size();
  item.text = unescaped(std::string(kept));
  item.language = tweet.lang == "und" || tweet.lang == "zxx" ? std::string() : tweet.lang;
  item.created_at = tweet.created_at.value_or(Timestamp{});
  item.in_reply_to_id = tweet.replied_to;
  return item;
}

plugin::PostMetrics post_metrics_of(const rapidjson::Value& tweet) {
  plugin::PostMetrics metrics;
  metrics.network_id = string_at(tweet, "id");
  if (const auto* figures = member(tweet, "public_metrics")) {
    metrics.likes = count_at(*figures, "like_count");
    metrics.shares = count_at(*figures, "retweet_count");
    metrics.replies = count_at(*figures, "reply_count");
    metrics.quotes = count_at(*figures, "quote_count");
    metrics.impressions = count_at(*figures, "impression_count");
  }
  return metrics;
}

std::set<std::string> not_found_ids(const rapidjson::Value& answer) {
  std::set<std::string> gone;
  const auto* errors = member(answer, "errors");
  if (errors == nullptr || !errors->IsArray()) return gone;
  for (const auto& error : errors->GetArray()) {
    const auto type = string_at(error, "type");
    const auto id =
        string_at(error, "resource_id").empty() ? string_at(error, "value") : string_at(error, "resource_id");
    if (type.ends_with("/2/problems/resource-not-found") && is_post_id(id)) gone.insert(id);
  }
  return gone;
}

std::string post_url(const std::string& web_url, const std::string& id) { return web_url + "/i/web/status/" + id; }

namespace {

// Links out (X shortens them, and adds one for attached images), spacing
// collapsed, Unicode in NFC (as X keeps texts).
std::string normalised(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    if (text.compare(at, 7, "http://") == 0 || text.compare(at, 8, "https://") == 0) {
      while (at < text.size() && !std::isspace(static_cast<unsigned char>(text[at]))) ++at;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(text[at]))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += text[at];
    }
    ++at;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  UErrorCode status = U_ZERO_ERROR;
  const auto* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return out;
  std::string composed;
  nfc->normalize(icu::UnicodeString::fromUTF8(out), status).toUTF8String(composed);
  return U_SUCCESS(status) ? composed : out;
}

}  // namespace

std::string comparable(std::string text) { return normalised(unescaped(std::move(text))); }

std::string comparable(const plugin::Part& part) {
  auto links = part.entities;
  std::erase_if(links, [](const auto& entity) { return entity.kind != plugin::TextEntity::link; });
  std::sort(links.begin(), links.end(), [](const auto& a, const auto& b) { return a.byte_start > b.byte_start; });
  auto text = part.text;
  for (const auto& link : links) {
    if (link.byte_start <= link.byte_end && link.byte_end <= text.size()) {
      text.erase(link.byte_start, link.byte_end - link.byte_start);
    }
  }
  return normalised(text);  // as written: only X's copy is HTML-escaped
}

bool is_post_id(const std::string& id) {
  return !id.empty() && id.size() <= 20 &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

bool newer_id(const std::string& a, const std::string& b) { return a.size() != b.size() ? a.size() > b.size() : a > b; }

}  // namespace kanal::x
