#include "api/wire/reviews.h"

#include <limits>

#include "api/wire/account_ids.h"
#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::write_string;

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kMaxComment = 5000;
constexpr std::size_t kMaxContent = 16 * 1024 * 1024;

std::vector<std::string> read_strings(ObjectReader& reader, const char* key) {
  std::vector<std::string> out;
  if (const auto* array = reader.optional_array(key)) {
    for (const auto& item : array->GetArray()) {
      if (item.IsString()) out.emplace_back(item.GetString(), item.GetStringLength());
    }
  }
  return out;
}

}  // namespace

std::vector<ApprovalTarget> parse_approval(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "an approval must be a JSON object");
  ObjectReader reader(doc);
  std::vector<ApprovalTarget> targets;
  if (const auto* items = reader.optional_array("targets")) {
    for (const auto& item : items->GetArray()) {
      ObjectReader t(item, "targets.");
      ApprovalTarget target;
      target.account = AccountId{t.required_int("account_id", 1, kMaxId)};
      target.handle = t.required_string("handle", 1024);
      target.steps = read_strings(t, "steps");
      target.rule = t.required_string("rule", kMaxComment);
      target.line = static_cast<int>(t.required_int("line", 0, 1'000'000));
      target.why = t.required_string("why", kMaxContent);
      targets.push_back(std::move(target));
    }
  }
  return targets;
}

std::string to_json(const DecisionRequest& request) {
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "content_hash", request.content_hash);
    write_string(w, "comment", request.comment);
    w.EndObject();
  });
}

DecisionRequest parse_decision(std::string_view body, bool comment_required) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  DecisionRequest request;
  request.content_hash = reader.required_string("content_hash", 64);
  request.comment = reader.optional_string("comment", kMaxComment).value_or("");
  reader.reject_unknown();
  if (comment_required && request.comment.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(ErrorCode::invalid_input, "say what needs to change: sending back needs a comment", "comment");
  }
  return request;
}

std::string to_json(const ReviewView& view) {
  const auto& r = view.review;
  return json::written([&](JsonWriter& w) {
    w.StartObject();
    w.Key("id");
    w.Int64(r.id);
    w.Key("post_id");
    w.Int64(r.post.value);
    write_string(w, "state", to_string(r.state));
    w.Key("steps");
    w.StartArray();
    for (const auto& step : r.steps) w.String(step.c_str());
    w.EndArray();
    write_string(w, "next_step", view.next_step);
    write_account_ids(w, "targets", r.targets);
    write_string(w, "reasons", r.reasons);
    write_string(w, "content_hash", r.content_hash);
    write_string(w, "content", r.content);
    write_string(w, "current_hash", view.current_hash);
    write_string(w, "last_seen", view.last_seen);
    w.Key("submitted_by");
    w.Int64(r.submitted_by.value);
    write_string(w, "submitted_at", to_iso8601(r.submitted_at));
    w.Key("decisions");
    w.StartArray();
    for (const auto& d : r.decisions) {
      w.StartObject();
      write_string(w, "step", d.step);
      w.Key("decided_by");
      w.Int64(d.decided_by.value);
      write_string(w, "decision", d.approved ? "approve" : "send_back");
      write_string(w, "comment", d.comment);
      write_string(w, "content_hash", d.content_hash);
      write_string(w, "at", to_iso8601(d.at));
      w.EndObject();
    }
    w.EndArray();
    w.Key("may_decide");
    w.Bool(view.may_decide);
    write_string(w, "why_not", view.why_not);
    w.EndObject();
  });
}

ReviewView parse_review_view(std::string_view body) {
  const auto doc = json::parse_json(body);
  ObjectReader reader(doc);
  ReviewView view;
  auto& r = view.review;
  r.id = reader.required_int("id", 1, kMaxId);
  r.post = PostId{reader.required_int("post_id", 1, kMaxId)};
  r.state = parse_review_state(reader.required_string("state", 32)).value_or(ReviewState::void_);
  r.steps = read_strings(reader, "steps");
  view.next_step = reader.required_string("next_step", 32);
  r.targets = read_account_ids(reader, "targets");
  r.reasons = reader.required_string("reasons", kMaxContent);
  r.content_hash = reader.required_string("content_hash", 64);
  r.content = reader.required_string("content", kMaxContent);
  view.current_hash = reader.required_string("current_hash", 64);
  view.last_seen = reader.required_string("last_seen", kMaxContent);
  r.submitted_by = UserId{reader.required_int("submitted_by", 1, kMaxId)};
  r.submitted_at = reader.required_time("submitted_at");
  if (const auto* decisions = reader.optional_array("decisions")) {
    for (const auto& item : decisions->GetArray()) {
      ObjectReader d(item, "decisions.");
      ReviewDecision decision;
      decision.step = d.required_string("step", 32);
      decision.decided_by = UserId{d.required_int("decided_by", 1, kMaxId)};
      decision.approved = d.required_string("decision", 16) == "approve";
      decision.comment = d.required_string("comment", kMaxComment);
      decision.content_hash = d.required_string("content_hash", 64);
      decision.at = d.required_time("at");
      r.decisions.push_back(std::move(decision));
    }
  }
  view.may_decide = reader.optional_bool("may_decide").value_or(false);
  view.why_not = reader.optional_string("why_not", kMaxComment).value_or("");
  return view;
}

std::string to_json(const std::vector<QueueItem>& items) {
  return json::written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& item : items) {
      w.StartObject();
      w.Key("review_id");
      w.Int64(item.review_id);
      w.Key("post_id");
      w.Int64(item.post.value);
      write_string(w, "step", item.step);
      w.Key("author");
      w.Int64(item.author.value);
      w.Key("submitted_by");
      w.Int64(item.submitted_by.value);
      write_string(w, "submitted_at", to_iso8601(item.submitted_at));
      write_string(w, "excerpt", item.excerpt);
      write_account_ids(w, "targets", item.targets);
      write_string(w, "why", item.why);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::vector<QueueItem> parse_queue(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsArray()) throw Error(ErrorCode::malformed_json, "the queue must be a JSON array");
  std::vector<QueueItem> items;
  for (const auto& value : doc.GetArray()) {
    ObjectReader reader(value, "queue.");
    QueueItem item;
    item.review_id = reader.required_int("review_id", 1, kMaxId);
    item.post = PostId{reader.required_int("post_id", 1, kMaxId)};
    item.step = reader.required_string("step", 32);
    item.author = UserId{reader.required_int("author", 1, kMaxId)};
    item.submitted_by = UserId{reader.required_int("submitted_by", 1, kMaxId)};
    item.submitted_at = reader.required_time("submitted_at");
    item.excerpt = reader.required_string("excerpt", kMaxComment);
    item.targets = read_account_ids(reader, "targets");
    item.why = reader.required_string("why", kMaxContent);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace kanal::wire
