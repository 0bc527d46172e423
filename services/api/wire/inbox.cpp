#include "api/wire/inbox.h"

#include <limits>

#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::read_optional_time;
using json::write_optional_int;
using json::write_optional_time;
using json::write_string;
using json::written;

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kLongText = 200'000;  // a comment is cut at 100,000 characters; room for the rest

void write_saved_reply(JsonWriter& w, const SavedReplyInfo& reply) {
  w.StartObject();
  if (reply.id != 0) {
    w.Key("id");
    w.Int64(reply.id);
  }
  write_string(w, "name", reply.name);
  write_string(w, "language", reply.language);
  write_string(w, "text", reply.text);
  w.EndObject();
}

template <class Item, class Read>
std::vector<Item> read_array(const rapidjson::Value* array, const std::string& path, Read read) {
  std::vector<Item> items;
  if (array == nullptr) return items;
  for (const auto& item : array->GetArray()) {
    items.push_back(read(item, path + "[" + std::to_string(items.size()) + "]."));
  }
  return items;
}

void write_item(JsonWriter& w, const InboxItem& item) {
  w.StartObject();
  w.Key("id");
  w.Int64(item.id.value);
  w.Key("account_id");
  w.Int64(item.account.value);
  write_string(w, "network_id", item.network_id);
  write_string(w, "kind", item.kind);
  write_string(w, "author_handle", item.author_handle);
  write_string(w, "author_name", item.author_name);
  write_string(w, "text", item.text);
  w.Key("excerpt");
  w.Bool(item.excerpt);
  w.Key("truncated");
  w.Bool(item.truncated);
  write_string(w, "language", item.language);
  write_string(w, "created_at", to_iso8601(item.created_at));
  write_string(w, "in_reply_to", item.in_reply_to);
  write_optional_int(w, "post_id", item.post ? std::optional(item.post->value) : std::nullopt);
  write_string(w, "url", item.url);
  write_string(w, "state", item.state);
  write_optional_int(w, "assignee", item.assignee ? std::optional(item.assignee->value) : std::nullopt);
  write_string(w, "category", item.category);
  w.Key("score");
  w.Double(item.score);
  write_string(w, "action", item.action);
  write_string(w, "decided_by", item.decided_by);
  write_string(w, "reason", item.reason);
  w.Key("needs_review");
  w.Bool(item.needs_review);
  write_string(w, "visibility", item.visibility);
  write_string(w, "network_note", item.network_note);
  write_optional_time(w, "first_answer_at", item.first_answer_at);
  w.EndObject();
}

InboxItem read_item(const rapidjson::Value& value, const std::string& path) {
  ObjectReader reader(value, path);
  InboxItem item;
  item.id = InteractionId{reader.required_int("id", 1, kMaxId)};
  item.account = AccountId{reader.required_int("account_id", 1, kMaxId)};
  item.network_id = reader.required_string("network_id", 512);
  item.kind = reader.required_string("kind", 32);
  item.author_handle = reader.required_string("author_handle", 1024);
  item.author_name = reader.required_string("author_name", 1024);
  item.text = reader.required_string("text", kLongText);
  item.excerpt = reader.optional_bool("excerpt").value_or(false);
  item.truncated = reader.optional_bool("truncated").value_or(false);
  item.language = reader.required_string("language", 32);
  item.created_at = reader.required_time("created_at");
  item.in_reply_to = reader.required_string("in_reply_to", 512);
  if (auto post = reader.optional_int("post_id", 1, kMaxId)) item.post = PostId{*post};
  item.url = reader.required_string("url", 4096);
  item.state = reader.required_string("state", 32);
  if (auto who = reader.optional_int("assignee", 1, kMaxId)) item.assignee = UserId{*who};
  item.category = reader.required_string("category", 32);
  if (value.HasMember("score") && value["score"].IsNumber()) item.score = value["score"].GetDouble();
  item.action = reader.required_string("action", 32);
  item.decided_by = reader.required_string("decided_by", 256);
  item.reason = reader.required_string("reason", kLongText);
  item.needs_review = reader.optional_bool("needs_review").value_or(false);
  item.visibility = reader.required_string("visibility", 32);
  item.network_note = reader.required_string("network_note", kLongText);
  item.first_answer_at = read_optional_time(reader, "first_answer_at");
  return item;
}

void write_counts(JsonWriter& w, const SyncResult& result) {
  const std::pair<const char*, std::int64_t> counts[] = {
      {"fetched", result.fetched},       {"stored", result.stored}, {"duplicates", result.duplicates},
      {"unreadable", result.unreadable}, {"hidden", result.hidden}, {"to_review", result.to_review}};
  for (const auto& [key, value] : counts) {
    w.Key(key);
    w.Int64(value);
  }
}

}  // namespace

std::string to_json(const InboxItem& item) {
  return written([&](JsonWriter& w) { write_item(w, item); });
}

InboxItem parse_inbox_item(std::string_view body) { return read_item(json::parse_json(body), ""); }

std::string to_json(const InboxPage& page) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("items");
    w.StartArray();
    for (const auto& item : page.items) write_item(w, item);
    w.EndArray();
    write_optional_int(w, "next_before", page.next_before ? std::optional(page.next_before->value) : std::nullopt);
    if (page.total) {
      w.Key("total");
      w.Int64(*page.total);
    }
    w.EndObject();
  });
}

InboxPage parse_inbox_page(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  InboxPage page;
  page.items = read_array<InboxItem>(reader.optional_array("items"), "items", read_item);
  if (auto before = reader.optional_int("next_before", 1, kMaxId)) page.next_before = InteractionId{*before};
  page.total = reader.optional_int("total", 0, kMaxId);
  return page;
}

std::string to_json(const Conversation& conversation) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("item");
    write_item(w, conversation.item);
    w.Key("thread");
    w.StartArray();
    for (const auto& message : conversation.thread) {
      w.StartObject();
      write_string(w, "network_id", message.network_id);
      write_string(w, "author_handle", message.author_handle);
      write_string(w, "text", message.text);
      write_string(w, "created_at", to_iso8601(message.created_at));
      w.Key("current");
      w.Bool(message.current);
      w.EndObject();
    }
    w.EndArray();
    write_string(w, "thread_note", conversation.thread_note);
    write_string(w, "post_text", conversation.post_text);
    w.Key("answers");
    w.StartArray();
    for (const auto& answer : conversation.answers) {
      w.StartObject();
      w.Key("post_id");
      w.Int64(answer.post.value);
      write_string(w, "text", answer.text);
      write_string(w, "state", answer.state);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

Conversation parse_conversation(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  Conversation conversation;
  const auto* item = reader.optional_object("item");
  if (item == nullptr) throw Error(ErrorCode::malformed_json, "item is missing", "item");
  conversation.item = read_item(*item, "item.");
  conversation.thread = read_array<ThreadMessage>(reader.optional_array("thread"), "thread",
                                                  [](const rapidjson::Value& value, const std::string& path) {
                                                    ObjectReader r(value, path);
                                                    ThreadMessage message;
                                                    message.network_id = r.required_string("network_id", 512);
                                                    message.author_handle = r.required_string("author_handle", 1024);
                                                    message.text = r.required_string("text", kLongText);
                                                    message.created_at = r.required_time("created_at");
                                                    message.current = r.optional_bool("current").value_or(false);
                                                    return message;
                                                  });
  conversation.thread_note = reader.optional_string("thread_note", kLongText).value_or("");
  conversation.post_text = reader.optional_string("post_text", kLongText).value_or("");
  conversation.answers = read_array<AnswerInfo>(
      reader.optional_array("answers"), "answers", [](const rapidjson::Value& value, const std::string& path) {
        ObjectReader r(value, path);
        return AnswerInfo{PostId{r.required_int("post_id", 1, kMaxId)}, r.required_string("text", kLongText),
                          r.required_string("state", 32)};
      });
  return conversation;
}

std::string to_json(const ModerateRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "action", request.action);
    w.EndObject();
  });
}

ModerateRequest parse_moderate_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  ModerateRequest request{reader.required_string("action", 32)};
  reader.reject_unknown();
  static const char* const kActions[] = {"hide", "unhide", "keep", "review", "mute", "block", "report", "delete"};
  for (const char* known : kActions) {
    if (request.action == known) return request;
  }
  throw Error(ErrorCode::invalid_input, "action must be hide, unhide, keep, review, mute, block, report or delete",
              "action");
}

std::string to_json(const AssignRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_optional_int(w, "user_id", request.user ? std::optional(request.user->value) : std::nullopt);
    w.EndObject();
  });
}

AssignRequest parse_assign_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  AssignRequest request;
  if (auto user = reader.optional_int("user_id", 1, kMaxId)) request.user = UserId{*user};
  reader.reject_unknown();
  return request;
}

std::string to_json(const InboxStateRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "state", request.state);
    w.EndObject();
  });
}

InboxStateRequest parse_inbox_state_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  InboxStateRequest request{reader.required_string("state", 16)};
  reader.reject_unknown();
  if (request.state != "done" && request.state != "new") {
    throw Error(ErrorCode::invalid_input, "state must be done or new", "state");
  }
  return request;
}

std::string to_json(const AnswerRequest& request) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "text", request.text);
    write_string(w, "language", request.language);
    w.EndObject();
  });
}

AnswerRequest parse_answer_request(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  AnswerRequest request;
  request.text = reader.required_string("text", 10'000);
  request.language = reader.optional_string("language", 16).value_or("");
  reader.reject_unknown();
  if (request.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(ErrorCode::invalid_input, "an answer needs a text", "text");
  }
  return request;
}

std::string to_json(const AnswerCheck& check) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "waiting_for", check.waiting_for);
    write_string(w, "why", check.why);
    w.Key("rights");
    w.Bool(check.rights);
    w.EndObject();
  });
}

AnswerCheck parse_answer_check(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  AnswerCheck check;
  check.waiting_for = reader.optional_string("waiting_for", 1000).value_or("");
  check.why = reader.optional_string("why", 10'000).value_or("");
  check.rights = reader.optional_bool("rights").value_or(false);
  return check;
}

std::string to_json(const AnswerResult& result) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("post_id");
    w.Int64(result.post.value);
    write_string(w, "state", result.state);
    write_string(w, "waiting_for", result.waiting_for);
    w.Key("queued");
    w.Bool(result.queued);
    w.EndObject();
  });
}

AnswerResult parse_answer_result(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  AnswerResult result;
  result.post = PostId{reader.required_int("post_id", 1, kMaxId)};
  result.state = reader.required_string("state", 32);
  result.waiting_for = reader.optional_string("waiting_for", 1000).value_or("");
  result.queued = reader.optional_bool("queued").value_or(false);
  return result;
}

std::string to_json(const SyncResult& result) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_counts(w, result);
    w.Key("more");
    w.Bool(result.more);
    w.Key("problems");
    w.StartArray();
    for (const auto& problem : result.problems) w.String(problem.c_str());
    w.EndArray();
    w.EndObject();
  });
}

SyncResult parse_sync_result(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  SyncResult result;
  const auto count = [&](const char* key) { return reader.optional_int(key, 0, kMaxId).value_or(0); };
  result.fetched = count("fetched");
  result.stored = count("stored");
  result.duplicates = count("duplicates");
  result.unreadable = count("unreadable");
  result.hidden = count("hidden");
  result.to_review = count("to_review");
  result.more = reader.optional_bool("more").value_or(false);
  if (const auto* problems = reader.optional_array("problems")) {
    for (const auto& problem : problems->GetArray()) {
      if (problem.IsString()) result.problems.emplace_back(problem.GetString(), problem.GetStringLength());
    }
  }
  return result;
}

std::string to_json(const std::vector<WeeklyAnswerTime>& weeks) {
  return written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& week : weeks) {
      w.StartObject();
      w.Key("account_id");
      w.Int64(week.account.value);
      w.Key("iso_year");
      w.Int(week.iso_year);
      w.Key("iso_week");
      w.Int(week.iso_week);
      w.Key("answered");
      w.Int64(week.answered);
      w.Key("unanswered");
      w.Int64(week.unanswered);
      write_optional_int(w, "median_s", week.median_s);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::vector<WeeklyAnswerTime> parse_weekly_answer_times(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsArray()) throw Error(ErrorCode::malformed_json, "expected an array of weeks");
  std::vector<WeeklyAnswerTime> weeks;
  for (const auto& value : doc.GetArray()) {
    ObjectReader r(value, "[" + std::to_string(weeks.size()) + "].");
    WeeklyAnswerTime week;
    week.account = AccountId{r.required_int("account_id", 1, kMaxId)};
    week.iso_year = static_cast<int>(r.required_int("iso_year", 1, 9999));
    week.iso_week = static_cast<int>(r.required_int("iso_week", 1, 53));
    week.answered = r.required_int("answered", 0, kMaxId);
    week.unanswered = r.required_int("unanswered", 0, kMaxId);
    week.median_s = r.optional_int("median_s", 0, kMaxId);
    weeks.push_back(week);
  }
  return weeks;
}

std::string to_json(const SavedReplyInfo& reply) {
  return written([&](JsonWriter& w) { write_saved_reply(w, reply); });
}

std::string to_json(const std::vector<SavedReplyInfo>& replies) {
  return written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& reply : replies) write_saved_reply(w, reply);
    w.EndArray();
  });
}

namespace {
SavedReplyInfo read_saved_reply(const rapidjson::Value& value, const std::string& path, bool with_id) {
  ObjectReader r(value, path);
  SavedReplyInfo reply;
  if (with_id) reply.id = r.required_int("id", 1, kMaxId);
  reply.name = r.required_string("name", 200);
  reply.language = r.optional_string("language", 16).value_or("");
  reply.text = r.required_string("text", 10'000);
  r.reject_unknown();
  return reply;
}
}  // namespace

SavedReplyInfo parse_saved_reply(std::string_view body, bool with_id) {
  return read_saved_reply(json::parse_json(body), "", with_id);
}

std::vector<SavedReplyInfo> parse_saved_replies(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsArray()) throw Error(ErrorCode::malformed_json, "expected an array of saved replies");
  std::vector<SavedReplyInfo> replies;
  for (const auto& value : doc.GetArray()) {
    replies.push_back(read_saved_reply(value, "[" + std::to_string(replies.size()) + "].", true));
  }
  return replies;
}

}  // namespace kanal::wire
