#include "exactly_once.h"

#include "core/error.h"
#include "core/json.h"
#include "graph_objects.h"
#include "kanal/plugin/answers.h"

namespace kanal::meta {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr auto kListedWithin = std::chrono::minutes(1);  // how long Meta may take to list a new post

}  // namespace

std::optional<Attempt> read_attempt(const std::optional<std::string>& kept) {
  if (!kept) return std::nullopt;
  try {
    const auto doc = json::parse_json(*kept);
    Attempt attempt;
    attempt.text = plugin::string_at(doc, "text");
    attempt.sending_at = plugin::string_at(doc, "sending_at");
    attempt.id = plugin::string_at(doc, "id");
    for (const auto& [key, list] : {std::pair{"media", &attempt.media}, std::pair{"hosted", &attempt.hosted}}) {
      if (const auto* items = plugin::member(doc, key); items && items->IsArray()) {
        for (const auto& item : items->GetArray()) {
          if (item.IsString()) list->emplace_back(item.GetString(), item.GetStringLength());
        }
      }
    }
    return attempt;
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::string written(const Attempt& attempt) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "text", attempt.text);
    for (const auto& [key, list] : {std::pair{"media", &attempt.media}, std::pair{"hosted", &attempt.hosted}}) {
      w.Key(key);
      w.StartArray();
      for (const auto& id : *list) w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
      w.EndArray();
    }
    json::write_string(w, "sending_at", attempt.sending_at);
    json::write_string(w, "id", attempt.id);
    w.EndObject();
  });
}

std::string ExactlyOnce::make(const std::string& key, const std::string& text, const Prepare& prepare, const Send& send,
                              const Find& find) {
  if (key.empty()) throw NetworkError(FailureKind::rejected, "a publication without a key");
  const auto state_key = "attempt." + key;
  Attempt attempt;
  {
    std::lock_guard lock(state_mutex_);
    if (auto kept = read_attempt(host_.load(state_key))) attempt = std::move(*kept);
  }
  const auto save = [&] {
    std::lock_guard lock(state_mutex_);
    host_.save(state_key, written(attempt));
  };
  if (!attempt.id.empty()) return attempt.id;
  // The text as first sent stands: the lookup compares with what Meta has.
  if (attempt.text.empty()) attempt.text = comparable(text);
  if (!attempt.sending_at.empty()) {
    const auto sent_at = parse_iso8601(attempt.sending_at).value_or(host_.clock().now());
    if (const auto found = find(attempt, sent_at)) {
      host_.log(plugin::LogLevel::information, "the post was already on " + network_ + " after an unknown outcome");
      attempt.id = *found;
      attempt.sending_at.clear();
      save();
      return attempt.id;
    }
    if (host_.clock().now() - sent_at < kListedWithin) {
      throw NetworkError(
          FailureKind::unknown_outcome,
          network_ + " does not list the post sent at " + attempt.sending_at + " yet; looking again shortly",
          sent_at + kListedWithin);
    }
    attempt.sending_at.clear();
  }
  save();
  prepare(attempt, save);
  attempt.sending_at = to_iso8601(host_.clock().now());
  save();  // before it goes: a crash from here on is an unknown outcome
  try {
    attempt.id = send(attempt);
  } catch (const NetworkError& e) {
    if (e.kind() != FailureKind::unknown_outcome) {
      attempt.sending_at.clear();  // certainly not made
      save();
    }
    throw;
  }
  attempt.sending_at.clear();
  try {
    save();
  } catch (const std::exception& e) {
    throw NetworkError(FailureKind::unknown_outcome,
                       "the post was made, but Kanal could not note it: " + std::string(e.what()));
  }
  return attempt.id;
}

}  // namespace kanal::meta
