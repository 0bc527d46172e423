#pragma once
// One period's figures for the team and those it reports to: followers and
// likes over time per account and per audience segment, results per post,
// template, segment, language and account, time to first answer, what the
// moderation did, and when the workspace's posts do best. kanald computes
// it (metrics/measures.h); the app and kanalctl draw it, as charts, tables,
// a PDF or CSV.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace kanal::reports {

struct Point {
  Timestamp at;                 // the start of its bucket
  std::optional<double> value;  // nullopt: not available
};

struct Series {
  std::string name;  // an account's handle, a segment
  std::vector<Point> points;
};

// A sum of a figure over posts: nullopt when no post had it (not available), never 0.
using FigureSum = std::optional<std::int64_t>;
inline void add_to(FigureSum& sum, const std::optional<std::int64_t>& value) {
  if (value) sum = sum.value_or(0) + *value;
}
// Likes, shares and replies together: what of them the network gave.
inline FigureSum engagement_of(const FigureSum& likes, const FigureSum& shares, const FigureSum& replies) {
  FigureSum sum;
  for (const auto* part : {&likes, &shares, &replies}) add_to(sum, *part);
  return sum;
}

struct AccountSummary {
  std::int64_t account_id = 0;
  std::string handle, network;
  std::optional<std::int64_t> followers_start, followers_end, follower_growth;  // readings within the period
  std::int64_t posts = 0;
  FigureSum likes, shares, replies, impressions;
  std::optional<double> engagement_per_thousand;  // per post, per 1,000 followers
  std::optional<double> median_first_answer_minutes;
  std::int64_t answered = 0, unanswered = 0;
};

// Results of the posts published in the period, grouped by one trait.
struct GroupRow {
  std::string key;  // a template, segment, language or account ("" : none)
  std::int64_t posts = 0;
  FigureSum likes, shares, replies;
  std::optional<double> engagement_per_post() const {
    const auto sum = engagement_of(likes, shares, replies);
    if (!sum || posts == 0) return std::nullopt;
    return double(*sum) / double(posts);
  }
};

struct TopPost {
  std::int64_t post_id = 0;
  std::string account, text, url;
  Timestamp published_at;
  std::optional<std::int64_t> likes, shares, replies, impressions;
  std::int64_t engagement = 0;  // likes + shares + replies, as far as given
  std::optional<double> per_thousand;
};

struct AnswerWeek {
  std::string account;
  int iso_year = 0, iso_week = 0;
  std::int64_t answered = 0, unanswered = 0;
  std::optional<double> median_minutes;
};

struct ModerationRow {
  std::string account, category, action;
  std::int64_t items = 0, hidden = 0;
};

// Engagement per post by the weekday (Monday first) and hour it was
// published, in the report's time zone, from the workspace's own posts.
struct Heatmap {
  std::array<std::array<double, 24>, 7> engagement_per_post{};
  std::array<std::array<std::int64_t, 24>, 7> posts{};
};

enum class Granularity { hour, day, week };

struct Report {
  Timestamp from, to;  // [from, to)
  std::string zone;    // IANA: whose days the period is, and the heatmap's (buckets are UTC hours, days, ISO weeks)
  Granularity granularity = Granularity::day;
  std::string segment;  // the filter, if any
  std::vector<AccountSummary> accounts;
  std::vector<Series> followers;         // per account
  std::vector<Series> likes;             // per account: likes of the posts published in each bucket
  std::vector<Series> likes_by_segment;  // the same per audience segment
  std::vector<GroupRow> by_segment, by_template, by_language, by_account;
  std::vector<TopPost> top_posts;  // by engagement, most first
  std::vector<AnswerWeek> answer_times;
  std::vector<ModerationRow> moderation;
  Heatmap best_times;  // over the year up to `to`: when to post
};

std::string_view to_string(Granularity granularity);
std::optional<Granularity> parse_granularity(std::string_view text);

}  // namespace kanal::reports
