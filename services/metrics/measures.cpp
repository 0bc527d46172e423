#include "metrics/measures.h"

#include <date/date.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "analytics/rollups.h"
#include "core/error.h"
#include "core/utf8.h"
#include "inbox/response_times.h"
#include "scheduling/wall_clock.h"
#include "store/account_repository.h"
#include "store/interaction_repository.h"
#include "store/metrics_repository.h"

namespace kanal::metrics {
namespace {

using reports::Granularity;

analytics::Period period_of(Granularity granularity) {
  switch (granularity) {
    case Granularity::hour: return analytics::Period::hour;
    case Granularity::day: return analytics::Period::day;
    case Granularity::week: return analytics::Period::week;
  }
  return analytics::Period::day;
}

Granularity granularity_for(Timestamp from, Timestamp to) {
  const auto span = to - from;
  if (span <= std::chrono::hours(72)) return Granularity::hour;
  if (span <= std::chrono::hours(24 * 120)) return Granularity::day;
  return Granularity::week;
}

// The start of the bucket after the one starting at `start`.
Timestamp next_start(Timestamp start, analytics::Period period) {
  switch (period) {
    case analytics::Period::hour: return start + std::chrono::hours(1);
    case analytics::Period::day: return start + std::chrono::hours(24);
    case analytics::Period::week: return start + std::chrono::hours(24 * 7);
  }
  return start + std::chrono::hours(24);
}

// Every bucket start of the period, so a chart shows the days nothing happened.
std::vector<Timestamp> bucket_starts(Timestamp from, Timestamp to, analytics::Period period) {
  std::vector<Timestamp> out;
  for (auto at = analytics::period_start(from, period); at < to; at = next_start(at, period)) out.push_back(at);
  return out;
}

std::int64_t engagement(const store::PostFigures& post) {
  return reports::engagement_of(post.likes, post.shares, post.replies).value_or(0);
}

void add_to(reports::GroupRow& row, const store::PostFigures& post) {
  ++row.posts;
  reports::add_to(row.likes, post.likes);
  reports::add_to(row.shares, post.shares);
  reports::add_to(row.replies, post.replies);
}

std::vector<reports::GroupRow> grouped(const std::vector<store::PostFigures>& posts,
                                       const std::function<std::string(const store::PostFigures&)>& key) {
  std::map<std::string, reports::GroupRow> groups;
  for (const auto& post : posts) {
    auto& row = groups[key(post)];
    row.key = key(post);
    add_to(row, post);
  }
  std::vector<reports::GroupRow> out;
  for (auto& [name, row] : groups) out.push_back(std::move(row));
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.engagement_per_post() > b.engagement_per_post(); });
  return out;
}

// Likes of the posts published in each bucket, one series per key (with
// its label).
std::vector<reports::Series> likes_over_time(const std::vector<store::PostFigures>& posts,
                                             const std::vector<Timestamp>& starts, analytics::Period period,
                                             const std::function<std::string(const store::PostFigures&)>& key,
                                             const std::vector<std::pair<std::string, std::string>>& names) {
  // Per key and bucket: the likes given (nullopt: posts, but none gave them).
  std::map<std::string, std::map<Timestamp, reports::FigureSum>> sums;
  for (const auto& post : posts) {
    reports::add_to(sums[key(post)][analytics::period_start(post.published_at, period)], post.likes);
  }
  std::vector<reports::Series> out;
  for (const auto& [key_value, label] : names) {
    reports::Series series{label, {}};
    const auto& sum = sums[key_value];
    for (const auto start : starts) {
      const auto found = sum.find(start);
      if (found == sum.end()) {
        series.points.push_back({start, 0.0});  // nothing published then
      } else {
        series.points.push_back({start, found->second ? std::optional<double>(double(*found->second)) : std::nullopt});
      }
    }
    out.push_back(std::move(series));
  }
  return out;
}

std::optional<double> median_minutes(std::vector<std::int64_t> seconds) {
  if (seconds.empty()) return std::nullopt;
  std::sort(seconds.begin(), seconds.end());
  const auto middle = seconds.size() / 2;
  const double value =
      seconds.size() % 2 == 1 ? double(seconds[middle]) : (double(seconds[middle - 1]) + double(seconds[middle])) / 2.0;
  return value / 60.0;
}

reports::Heatmap best_times(const std::vector<store::PostFigures>& posts, const std::string& zone) {
  reports::Heatmap map;
  std::array<std::array<double, 24>, 7> sums{};
  for (const auto& post : posts) {
    const auto local = scheduling::to_local(post.published_at, zone);
    const auto day = date::floor<date::days>(local);
    const auto weekday = (date::weekday(day) - date::Monday).count();  // Monday 0
    const auto hour = std::chrono::duration_cast<std::chrono::hours>(local - day).count();
    ++map.posts[weekday][hour];
    sums[weekday][hour] += double(engagement(post));
  }
  for (std::size_t d = 0; d < 7; ++d) {
    for (std::size_t h = 0; h < 24; ++h) {
      if (map.posts[d][h] > 0) map.engagement_per_post[d][h] = sums[d][h] / double(map.posts[d][h]);
    }
  }
  return map;
}

}  // namespace

reports::Report build_report(Poco::Data::Session& session, const ReportRequest& request) {
  if (request.to <= request.from) throw Error(ErrorCode::invalid_input, "the period ends before it starts", "to");
  if (!scheduling::is_known_zone(request.zone)) {
    throw Error(ErrorCode::invalid_input, "unknown time zone '" + request.zone + "'", "zone");
  }
  reports::Report report;
  report.from = request.from;
  report.to = request.to;
  report.zone = request.zone;
  report.segment = utf8::repaired(request.segment);
  report.granularity = request.granularity.value_or(granularity_for(request.from, request.to));
  const auto period = period_of(report.granularity);
  const auto starts = bucket_starts(request.from, request.to, period);

  const std::set<std::int64_t> wanted = [&] {
    std::set<std::int64_t> ids;
    for (const auto& account : request.accounts) ids.insert(account.value);
    return ids;
  }();
  std::vector<Account> accounts;
  for (auto& account : store::AccountRepository(session).list()) {
    if (request.closed.count(account.id) > 0) continue;
    if (wanted.empty() || wanted.count(account.id.value) > 0) accounts.push_back(std::move(account));
  }
  // Each account by its handle; a page and its Instagram account often share
  // one, and are two accounts all the same: those carry their network too.
  std::map<std::string, int> uses;
  for (const auto& account : accounts) ++uses[account.handle];
  std::map<std::int64_t, std::string> handles;
  for (const auto& account : accounts) {
    handles[account.id.value] = account.handle + (uses[account.handle] > 1 ? " (" + account.network + ")" : "");
  }
  const auto handle_of = [&](const store::PostFigures& post) { return handles[post.account.value]; };

  store::MetricsRepository metrics(session);
  const auto in_scope = [&](const store::PostFigures& post) {
    return handles.count(post.account.value) > 0 && request.hidden_posts.count(post.post) == 0 &&
           (request.segment.empty() || post.segment_id == request.segment);
  };
  // The year behind the best-time heatmap holds the period's posts: read once.
  const auto year_from = std::min(request.from, request.to - std::chrono::hours(24 * 365));
  std::vector<store::PostFigures> year, posts;
  for (auto& post : metrics.published_between(year_from, request.to)) {
    if (!in_scope(post)) continue;
    if (post.published_at >= request.from) posts.push_back(post);
    if (post.published_at >= request.to - std::chrono::hours(24 * 365)) year.push_back(std::move(post));
  }

  // Per account: followers over time and the period's results.
  std::map<std::int64_t, std::vector<std::int64_t>> answer_seconds;
  std::map<std::int64_t, std::int64_t> unanswered;
  store::InteractionRepository interactions(session);
  auto answers = interactions.answer_times(request.from, request.to);
  std::erase_if(answers, [&](const auto& item) { return request.closed_inboxes.count(item.account) > 0; });
  for (const auto& item : answers) {
    if (item.first_answer_at) {
      answer_seconds[item.account.value].push_back(
          std::chrono::duration_cast<std::chrono::seconds>(*item.first_answer_at - item.created_at).count());
    } else if (item.waiting) {
      ++unanswered[item.account.value];
    }
  }
  for (const auto& account : accounts) {
    reports::AccountSummary summary;
    summary.account_id = account.id.value;
    summary.handle = handles[account.id.value];
    summary.network = account.network;
    // Followers at the period's first and last readings within it.
    const auto [first, last] = metrics.first_and_last_given(account.id, "followers", request.from, request.to);
    if (first && last) {
      summary.followers_start = first->value;
      summary.followers_end = last->value;
      summary.follower_growth = *last->value - *first->value;
    }
    // Over time from the start of the bucket `from` falls in, as the time
    // axis starts; a bucket not read between two that were is a gap.
    const auto buckets = metrics.account_series(account.id, "followers", period,
                                                analytics::period_start(request.from, period), request.to);
    reports::Series series{handles[account.id.value], {}};
    for (const auto& bucket : buckets) {
      while (!series.points.empty() && next_start(series.points.back().at, period) < bucket.start) {
        series.points.push_back({next_start(series.points.back().at, period), std::nullopt});
      }
      series.points.push_back({bucket.start, bucket.last ? std::optional<double>(double(*bucket.last)) : std::nullopt});
    }
    report.followers.push_back(std::move(series));
    for (const auto& post : posts) {
      if (post.account != account.id) continue;
      ++summary.posts;
      reports::add_to(summary.likes, post.likes);
      reports::add_to(summary.shares, post.shares);
      reports::add_to(summary.replies, post.replies);
      reports::add_to(summary.impressions, post.impressions);
    }
    if (const auto sum = reports::engagement_of(summary.likes, summary.shares, summary.replies);
        sum && summary.posts > 0) {
      summary.engagement_per_thousand =
          analytics::per_thousand(double(*sum) / double(summary.posts), summary.followers_end);
    }
    summary.median_first_answer_minutes = median_minutes(answer_seconds[account.id.value]);
    summary.answered = static_cast<std::int64_t>(answer_seconds[account.id.value].size());
    summary.unanswered = unanswered[account.id.value];
    report.accounts.push_back(std::move(summary));
  }

  // Likes over time per account (by id: handles are only unique per network) and per segment.
  std::vector<std::pair<std::string, std::string>> account_names, segment_names;
  for (const auto& account : accounts)
    account_names.emplace_back(std::to_string(account.id.value), handles[account.id.value]);
  const auto account_of = [](const store::PostFigures& post) { return std::to_string(post.account.value); };
  report.likes = likes_over_time(posts, starts, period, account_of, account_names);
  const auto segment_of = [](const store::PostFigures& post) { return post.segment_id; };
  report.by_segment = grouped(posts, segment_of);
  for (const auto& row : report.by_segment) segment_names.emplace_back(row.key, row.key);
  report.likes_by_segment = likes_over_time(posts, starts, period, segment_of, segment_names);
  report.by_template = grouped(posts, [](const store::PostFigures& post) { return post.template_id; });
  report.by_language = grouped(posts, [](const store::PostFigures& post) { return post.language; });
  report.by_account = grouped(posts, handle_of);

  std::map<std::int64_t, std::optional<std::int64_t>> followers_at_end;
  for (const auto& summary : report.accounts) followers_at_end[summary.account_id] = summary.followers_end;
  for (const auto& post : posts) {
    reports::TopPost top;
    top.post_id = post.post.value;
    top.account = handle_of(post);
    top.text = post.text;
    top.url = post.url;
    top.published_at = post.published_at;
    top.likes = post.likes;
    top.shares = post.shares;
    top.replies = post.replies;
    top.impressions = post.impressions;
    top.engagement = engagement(post);
    top.per_thousand = analytics::per_thousand(top.engagement, followers_at_end[post.account.value]);
    report.top_posts.push_back(std::move(top));
  }
  std::stable_sort(report.top_posts.begin(), report.top_posts.end(),
                   [](const auto& a, const auto& b) { return a.engagement > b.engagement; });
  if (report.top_posts.size() > request.top_posts) report.top_posts.resize(request.top_posts);

  for (const auto& week : inbox::weekly_answer_times(answers)) {
    if (handles.count(week.account.value) == 0) continue;
    reports::AnswerWeek row{
        handles[week.account.value], week.iso_year, week.iso_week, week.answered, week.unanswered, std::nullopt};
    if (week.median) row.median_minutes = double(week.median->count()) / 60.0;
    report.answer_times.push_back(std::move(row));
  }
  for (const auto& count : interactions.moderation_counts(request.from, request.to)) {
    if (handles.count(count.account.value) == 0 || request.closed_inboxes.count(count.account) > 0) continue;
    report.moderation.push_back(
        {handles[count.account.value], count.category, count.action, count.items, count.hidden});
  }

  report.best_times = best_times(year, request.zone);
  return report;
}

}  // namespace kanal::metrics
