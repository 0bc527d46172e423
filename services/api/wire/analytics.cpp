#include "api/wire/analytics.h"

#include <Poco/URI.h>

#include <limits>

#include "core/error.h"
#include "core/json.h"

namespace kanal::wire {

using json::JsonWriter;
using json::ObjectReader;
using json::read_optional_time;
using json::write_optional_int;
using json::write_optional_number;
using json::write_optional_time;
using json::write_string;
using json::written;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kName = 1000;
constexpr std::size_t kText = 200'000;

void write_int(JsonWriter& w, const char* key, std::int64_t value) {
  w.Key(key);
  w.Int64(value);
}

template <class Item, class Write>
void write_array(JsonWriter& w, const char* key, const std::vector<Item>& items, Write write) {
  w.Key(key);
  w.StartArray();
  for (const auto& item : items) {
    w.StartObject();
    write(item);
    w.EndObject();
  }
  w.EndArray();
}

template <class Item, class Read>
std::vector<Item> read_array(ObjectReader& reader, const char* key, Read read) {
  std::vector<Item> items;
  const auto* array = reader.optional_array(key);
  if (array == nullptr) return items;
  for (const auto& value : array->GetArray()) {
    if (!value.IsObject()) throw Error(ErrorCode::malformed_json, reader.field(key) + " must hold objects");
    ObjectReader item(value, reader.field(key) + "[" + std::to_string(items.size()) + "].");
    items.push_back(read(item));
  }
  return items;
}

std::int64_t count(ObjectReader& r, const char* key) { return r.optional_int(key, 0, kMax).value_or(0); }

void write_series(JsonWriter& w, const char* key, const std::vector<reports::Series>& all) {
  write_array(w, key, all, [&](const reports::Series& series) {
    write_string(w, "name", series.name);
    w.Key("points");
    w.StartArray();
    for (const auto& point : series.points) {
      w.StartObject();
      write_string(w, "at", to_iso8601(point.at));
      write_optional_number(w, "value", point.value);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::vector<reports::Series> read_series(ObjectReader& reader, const char* key) {
  return read_array<reports::Series>(reader, key, [](ObjectReader& r) {
    reports::Series series{r.required_string("name", kName), {}};
    series.points = read_array<reports::Point>(r, "points", [](ObjectReader& p) {
      return reports::Point{p.required_time("at"), p.optional_number("value")};
    });
    return series;
  });
}

void write_groups(JsonWriter& w, const char* key, const std::vector<reports::GroupRow>& rows) {
  write_array(w, key, rows, [&](const reports::GroupRow& row) {
    write_string(w, "key", row.key);
    write_int(w, "posts", row.posts);
    write_optional_int(w, "likes", row.likes);
    write_optional_int(w, "shares", row.shares);
    write_optional_int(w, "replies", row.replies);
  });
}

std::vector<reports::GroupRow> read_groups(ObjectReader& reader, const char* key) {
  return read_array<reports::GroupRow>(reader, key, [](ObjectReader& r) {
    return reports::GroupRow{r.optional_string("key", kName).value_or(""), count(r, "posts"),
                             r.optional_int("likes", 0, kMax), r.optional_int("shares", 0, kMax),
                             r.optional_int("replies", 0, kMax)};
  });
}

void write_heatmap(JsonWriter& w, const char* key, const reports::Heatmap& map) {
  // Per weekday (Monday first) the 24 hours: posts and engagement per post.
  w.Key(key);
  w.StartArray();
  for (std::size_t d = 0; d < 7; ++d) {
    for (std::size_t h = 0; h < 24; ++h) {
      if (map.posts[d][h] == 0) continue;
      w.StartObject();
      write_int(w, "weekday", static_cast<std::int64_t>(d));
      write_int(w, "hour", static_cast<std::int64_t>(h));
      write_int(w, "posts", map.posts[d][h]);
      write_optional_number(w, "engagement_per_post", map.engagement_per_post[d][h]);
      w.EndObject();
    }
  }
  w.EndArray();
}

reports::Heatmap read_heatmap(ObjectReader& reader, const char* key) {
  reports::Heatmap map;
  read_array<int>(reader, key, [&](ObjectReader& r) {
    const auto d = static_cast<std::size_t>(r.required_int("weekday", 0, 6));
    const auto h = static_cast<std::size_t>(r.required_int("hour", 0, 23));
    map.posts[d][h] = count(r, "posts");
    map.engagement_per_post[d][h] = r.optional_number("engagement_per_post").value_or(0);
    return 0;
  });
  return map;
}

}  // namespace

std::string to_query(const AnalyticsQuery& query) {
  const auto encoded = [](const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "&=+,#?/", out);
    return out;
  };
  std::string out = "from=" + encoded(to_iso8601(query.from)) + "&to=" + encoded(to_iso8601(query.to));
  if (!query.accounts.empty()) {
    out += "&accounts=";
    for (std::size_t i = 0; i < query.accounts.size(); ++i) {
      out += (i == 0 ? "" : ",") + std::to_string(query.accounts[i].value);
    }
  }
  if (!query.segment.empty()) out += "&segment=" + encoded(query.segment);
  if (!query.zone.empty()) out += "&zone=" + encoded(query.zone);
  if (!query.granularity.empty()) out += "&granularity=" + encoded(query.granularity);
  return out;
}

std::string to_json(const reports::Report& report) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "from", to_iso8601(report.from));
    write_string(w, "to", to_iso8601(report.to));
    write_string(w, "zone", report.zone);
    write_string(w, "granularity", reports::to_string(report.granularity));
    write_string(w, "segment", report.segment);
    write_array(w, "accounts", report.accounts, [&](const reports::AccountSummary& a) {
      write_int(w, "account_id", a.account_id);
      write_string(w, "handle", a.handle);
      write_string(w, "network", a.network);
      write_optional_int(w, "followers_start", a.followers_start);
      write_optional_int(w, "followers_end", a.followers_end);
      write_optional_int(w, "follower_growth", a.follower_growth);
      write_int(w, "posts", a.posts);
      write_optional_int(w, "likes", a.likes);
      write_optional_int(w, "shares", a.shares);
      write_optional_int(w, "replies", a.replies);
      write_optional_int(w, "impressions", a.impressions);
      write_optional_number(w, "engagement_per_thousand", a.engagement_per_thousand);
      write_optional_number(w, "median_first_answer_minutes", a.median_first_answer_minutes);
      write_int(w, "answered", a.answered);
      write_int(w, "unanswered", a.unanswered);
    });
    write_series(w, "followers", report.followers);
    write_series(w, "likes", report.likes);
    write_series(w, "likes_by_segment", report.likes_by_segment);
    write_groups(w, "by_segment", report.by_segment);
    write_groups(w, "by_template", report.by_template);
    write_groups(w, "by_language", report.by_language);
    write_groups(w, "by_account", report.by_account);
    write_array(w, "top_posts", report.top_posts, [&](const reports::TopPost& post) {
      write_int(w, "post_id", post.post_id);
      write_string(w, "account", post.account);
      write_string(w, "text", post.text);
      write_string(w, "url", post.url);
      write_string(w, "published_at", to_iso8601(post.published_at));
      write_optional_int(w, "likes", post.likes);
      write_optional_int(w, "shares", post.shares);
      write_optional_int(w, "replies", post.replies);
      write_optional_int(w, "impressions", post.impressions);
      write_int(w, "engagement", post.engagement);
      write_optional_number(w, "per_thousand", post.per_thousand);
    });
    write_array(w, "answer_times", report.answer_times, [&](const reports::AnswerWeek& week) {
      write_string(w, "account", week.account);
      write_int(w, "iso_year", week.iso_year);
      write_int(w, "iso_week", week.iso_week);
      write_int(w, "answered", week.answered);
      write_int(w, "unanswered", week.unanswered);
      write_optional_number(w, "median_minutes", week.median_minutes);
    });
    write_array(w, "moderation", report.moderation, [&](const reports::ModerationRow& row) {
      write_string(w, "account", row.account);
      write_string(w, "category", row.category);
      write_string(w, "action", row.action);
      write_int(w, "items", row.items);
      write_int(w, "hidden", row.hidden);
    });
    write_heatmap(w, "best_times", report.best_times);
    w.EndObject();
  });
}

reports::Report parse_report(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "expected a report object");
  ObjectReader r(doc);
  reports::Report report;
  report.from = r.required_time("from");
  report.to = r.required_time("to");
  report.zone = r.optional_string("zone", 100).value_or("UTC");
  const auto granularity = r.optional_string("granularity", 10).value_or("day");
  report.granularity = reports::parse_granularity(granularity).value_or(reports::Granularity::day);
  report.segment = r.optional_string("segment", kName).value_or("");
  report.accounts = read_array<reports::AccountSummary>(r, "accounts", [](ObjectReader& a) {
    reports::AccountSummary summary;
    summary.account_id = a.required_int("account_id", 1, kMax);
    summary.handle = a.required_string("handle", kName);
    summary.network = a.optional_string("network", kName).value_or("");
    summary.followers_start = a.optional_int("followers_start", 0, kMax);
    summary.followers_end = a.optional_int("followers_end", 0, kMax);
    summary.follower_growth = a.optional_int("follower_growth", -kMax, kMax);
    summary.posts = count(a, "posts");
    summary.likes = a.optional_int("likes", 0, kMax);
    summary.shares = a.optional_int("shares", 0, kMax);
    summary.replies = a.optional_int("replies", 0, kMax);
    summary.impressions = a.optional_int("impressions", 0, kMax);
    summary.engagement_per_thousand = a.optional_number("engagement_per_thousand");
    summary.median_first_answer_minutes = a.optional_number("median_first_answer_minutes");
    summary.answered = count(a, "answered");
    summary.unanswered = count(a, "unanswered");
    return summary;
  });
  report.followers = read_series(r, "followers");
  report.likes = read_series(r, "likes");
  report.likes_by_segment = read_series(r, "likes_by_segment");
  report.by_segment = read_groups(r, "by_segment");
  report.by_template = read_groups(r, "by_template");
  report.by_language = read_groups(r, "by_language");
  report.by_account = read_groups(r, "by_account");
  report.top_posts = read_array<reports::TopPost>(r, "top_posts", [](ObjectReader& p) {
    reports::TopPost post;
    post.post_id = p.required_int("post_id", 1, kMax);
    post.account = p.optional_string("account", kName).value_or("");
    post.text = p.optional_string("text", kText).value_or("");
    post.url = p.optional_string("url", kName).value_or("");
    post.published_at = p.required_time("published_at");
    post.likes = p.optional_int("likes", 0, kMax);
    post.shares = p.optional_int("shares", 0, kMax);
    post.replies = p.optional_int("replies", 0, kMax);
    post.impressions = p.optional_int("impressions", 0, kMax);
    post.engagement = count(p, "engagement");
    post.per_thousand = p.optional_number("per_thousand");
    return post;
  });
  report.answer_times = read_array<reports::AnswerWeek>(r, "answer_times", [](ObjectReader& a) {
    return reports::AnswerWeek{a.optional_string("account", kName).value_or(""),
                               static_cast<int>(a.required_int("iso_year", 1, 9999)),
                               static_cast<int>(a.required_int("iso_week", 1, 53)),
                               count(a, "answered"),
                               count(a, "unanswered"),
                               a.optional_number("median_minutes")};
  });
  report.moderation = read_array<reports::ModerationRow>(r, "moderation", [](ObjectReader& m) {
    return reports::ModerationRow{
        m.optional_string("account", kName).value_or(""), m.optional_string("category", kName).value_or(""),
        m.optional_string("action", kName).value_or(""), count(m, "items"), count(m, "hidden")};
  });
  report.best_times = read_heatmap(r, "best_times");
  return report;
}

std::string to_json(const CollectionInfo& info) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_int(w, "accounts_read", info.accounts_read);
    write_int(w, "posts_read", info.posts_read);
    w.Key("problems");
    w.StartArray();
    for (const auto& problem : info.problems) w.String(problem.c_str());
    w.EndArray();
    w.EndObject();
  });
}

CollectionInfo parse_collection_info(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "expected an object");
  ObjectReader r(doc);
  CollectionInfo info;
  info.accounts_read = static_cast<int>(count(r, "accounts_read"));
  info.posts_read = static_cast<int>(count(r, "posts_read"));
  if (const auto* problems = r.optional_array("problems")) {
    for (const auto& problem : problems->GetArray()) {
      if (problem.IsString()) info.problems.emplace_back(problem.GetString(), problem.GetStringLength());
    }
  }
  return info;
}

std::string to_json(const std::vector<PostFiguresInfo>& figures) {
  return written([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& f : figures) {
      w.StartObject();
      write_int(w, "account_id", f.account.value);
      write_string(w, "url", f.url);
      write_string(w, "published_at", to_iso8601(f.published_at));
      write_optional_time(w, "read_at", f.read_at);
      write_optional_int(w, "likes", f.likes);
      write_optional_int(w, "shares", f.shares);
      write_optional_int(w, "replies", f.replies);
      write_optional_int(w, "impressions", f.impressions);
      w.Key("gone");
      w.Bool(f.gone);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::vector<PostFiguresInfo> parse_post_figures(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsArray()) throw Error(ErrorCode::malformed_json, "expected an array of figures");
  std::vector<PostFiguresInfo> out;
  for (const auto& value : doc.GetArray()) {
    if (!value.IsObject()) throw Error(ErrorCode::malformed_json, "expected an array of objects");
    ObjectReader r(value, "[" + std::to_string(out.size()) + "].");
    PostFiguresInfo f;
    f.account = AccountId{r.required_int("account_id", 1, kMax)};
    f.url = r.optional_string("url", kName).value_or("");
    f.published_at = r.required_time("published_at");
    f.read_at = read_optional_time(r, "read_at");
    f.likes = r.optional_int("likes", 0, kMax);
    f.shares = r.optional_int("shares", 0, kMax);
    f.replies = r.optional_int("replies", 0, kMax);
    f.impressions = r.optional_int("impressions", 0, kMax);
    f.gone = r.optional_bool("gone").value_or(false);
    out.push_back(f);
  }
  return out;
}

std::string to_json(const ReportSettingsInfo& settings) {
  return written([&](JsonWriter& w) {
    w.StartObject();
    write_string(w, "folder", settings.folder);
    write_string(w, "zone", settings.zone);
    w.EndObject();
  });
}

ReportSettingsInfo parse_report_settings(std::string_view body) {
  const auto doc = json::parse_json(body);
  if (!doc.IsObject()) throw Error(ErrorCode::malformed_json, "expected an object");
  ObjectReader r(doc);
  ReportSettingsInfo settings;
  settings.folder = r.optional_string("folder", 4096).value_or("");
  settings.zone = r.optional_string("zone", 100).value_or("UTC");
  r.reject_unknown();
  return settings;
}

}  // namespace kanal::wire
