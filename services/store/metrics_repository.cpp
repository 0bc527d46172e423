#include "store/metrics_repository.h"

#include <Poco/Data/Statement.h>

#include <array>

using namespace Poco::Data::Keywords;
using Poco::Int64;
using Poco::Nullable;

namespace kanal::store {
namespace {

constexpr std::array kPeriods{analytics::Period::hour, analytics::Period::day, analytics::Period::week};

const char* period_name(analytics::Period period) {
  switch (period) {
    case analytics::Period::hour: return "hour";
    case analytics::Period::day: return "day";
    case analytics::Period::week: return "week";
  }
  return "day";
}

Nullable<Int64> nullable(const std::optional<std::int64_t>& value) {
  return value ? Nullable<Int64>(*value) : Nullable<Int64>();
}

std::optional<std::int64_t> optional(const Nullable<Int64>& value) {
  return value.isNull() ? std::nullopt : std::optional<std::int64_t>(value.value());
}

}  // namespace

void MetricsRepository::record_account(AccountId account, const std::string& metric, const analytics::Sample& sample) {
  Int64 id = account.value;
  std::string name = metric;
  Int64 at = to_unix_ms(sample.at);
  Int64 seen = 0;
  session_ << "SELECT COUNT(*) FROM account_samples WHERE account_id = $1 AND metric = $2 AND at = $3", use(id),
      use(name), use(at), into(seen), now;
  if (seen > 0) return;
  auto value = nullable(sample.value);
  session_ << "INSERT INTO account_samples (account_id, metric, at, value) VALUES ($1, $2, $3, $4)", use(id), use(name),
      use(at), use(value), now;

  for (const auto period : kPeriods) {
    std::string period_text = period_name(period);
    Int64 start = to_unix_ms(analytics::period_start(sample.at, period));
    auto buckets = account_series(account, metric, period, from_unix_ms(start), from_unix_ms(start + 1));
    const bool exists = !buckets.empty();
    analytics::Bucket bucket = exists ? buckets.front() : analytics::Bucket{};
    bucket.start = from_unix_ms(start);
    analytics::add_sample(bucket, sample);
    auto first = nullable(bucket.first), last = nullable(bucket.last), low = nullable(bucket.low),
         high = nullable(bucket.high);
    Int64 first_at = to_unix_ms(bucket.first_at), last_at = to_unix_ms(bucket.last_at);
    Int64 samples = bucket.samples, unavailable = bucket.unavailable;
    if (exists) {
      session_ << "UPDATE account_rollups SET first_value = $1, last_value = $2, low = $3, high = $4, "
                  "first_at = $5, last_at = $6, samples = $7, unavailable = $8 "
                  "WHERE account_id = $9 AND metric = $10 AND period = $11 AND start_at = $12",
          use(first), use(last), use(low), use(high), use(first_at), use(last_at), use(samples), use(unavailable),
          use(id), use(name), use(period_text), use(start), now;
    } else {
      session_ << "INSERT INTO account_rollups (account_id, metric, period, start_at, first_value, last_value, low, "
                  "high, first_at, last_at, samples, unavailable) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
          use(id), use(name), use(period_text), use(start), use(first), use(last), use(low), use(high), use(first_at),
          use(last_at), use(samples), use(unavailable), now;
    }
  }
}

std::optional<Timestamp> MetricsRepository::last_account_reading(AccountId account) {
  Int64 id = account.value;
  Nullable<Int64> last;
  session_ << "SELECT MAX(at) FROM account_samples WHERE account_id = $1", use(id), into(last), now;
  if (last.isNull()) return std::nullopt;
  return from_unix_ms(last.value());
}

std::vector<analytics::Bucket> MetricsRepository::account_series(AccountId account, const std::string& metric,
                                                                 analytics::Period period, Timestamp from,
                                                                 Timestamp to) {
  Int64 id = account.value, from_ms = to_unix_ms(from), to_ms = to_unix_ms(to);
  std::string name = metric, period_text = period_name(period);
  std::vector<Int64> start, first_at, last_at, samples, unavailable;
  std::vector<Nullable<Int64>> first, last, low, high;
  session_ << "SELECT start_at, first_value, last_value, low, high, first_at, last_at, samples, unavailable "
              "FROM account_rollups WHERE account_id = $1 AND metric = $2 AND period = $3 AND start_at >= $4 "
              "AND start_at < $5 ORDER BY start_at",
      use(id), use(name), use(period_text), use(from_ms), use(to_ms), into(start), into(first), into(last), into(low),
      into(high), into(first_at), into(last_at), into(samples), into(unavailable), now;
  std::vector<analytics::Bucket> out(start.size());
  for (std::size_t i = 0; i < start.size(); ++i) {
    auto& bucket = out[i];
    bucket.start = from_unix_ms(start[i]);
    bucket.first = optional(first[i]);
    bucket.last = optional(last[i]);
    bucket.low = optional(low[i]);
    bucket.high = optional(high[i]);
    bucket.first_at = from_unix_ms(first_at[i]);
    bucket.last_at = from_unix_ms(last_at[i]);
    bucket.samples = samples[i];
    bucket.unavailable = unavailable[i];
  }
  return out;
}

std::pair<std::optional<analytics::Sample>, std::optional<analytics::Sample>> MetricsRepository::first_and_last_given(
    AccountId account, const std::string& metric, Timestamp from, Timestamp to) {
  const auto one = [&](const char* order) -> std::optional<analytics::Sample> {
    Int64 id = account.value, from_ms = to_unix_ms(from), to_ms = to_unix_ms(to);
    std::string name = metric;
    std::vector<Int64> at, value;
    session_ << std::string(
                    "SELECT at, value FROM account_samples WHERE account_id = $1 AND metric = $2 AND at >= $3 "
                    "AND at < $4 AND value IS NOT NULL ORDER BY at ") +
                    order + " LIMIT 1",
        use(id), use(name), use(from_ms), use(to_ms), into(at), into(value), now;
    if (at.empty()) return std::nullopt;
    return analytics::Sample{from_unix_ms(at.front()), value.front()};
  };
  return {one("ASC"), one("DESC")};
}

std::vector<analytics::Sample> MetricsRepository::account_samples(AccountId account, const std::string& metric,
                                                                  Timestamp from, Timestamp to) {
  Int64 id = account.value, from_ms = to_unix_ms(from), to_ms = to_unix_ms(to);
  std::string name = metric;
  std::vector<Int64> at;
  std::vector<Nullable<Int64>> value;
  session_ << "SELECT at, value FROM account_samples WHERE account_id = $1 AND metric = $2 AND at >= $3 AND at < $4 "
              "ORDER BY at",
      use(id), use(name), use(from_ms), use(to_ms), into(at), into(value), now;
  std::vector<analytics::Sample> out;
  out.reserve(at.size());
  for (std::size_t i = 0; i < at.size(); ++i) out.push_back({from_unix_ms(at[i]), optional(value[i])});
  return out;
}

int MetricsRepository::track_published(std::chrono::milliseconds first_due_after) {
  Int64 after = first_due_after.count();
  Poco::Data::Statement insert(session_);
  insert << "INSERT INTO post_figures (outbox_id, account_id, published_at, taken, next_at, gone) "
            "SELECT o.id, o.account_id, o.updated_at, 0, o.updated_at + $1, 0 FROM outbox o "
            "JOIN posts p ON p.id = o.post_id "
            "LEFT JOIN post_figures f ON f.outbox_id = o.id "
            "WHERE o.state = 'published' AND o.network_id <> '' AND p.reply_to = 0 AND f.outbox_id IS NULL",
      use(after);
  return static_cast<int>(insert.execute());
}

std::vector<DuePost> MetricsRepository::due_posts(AccountId account, Timestamp when, int limit) {
  Int64 id = account.value, at = to_unix_ms(when), most = limit;
  std::vector<Int64> outbox, published, taken;
  std::vector<std::string> network_id;
  session_ << "SELECT f.outbox_id, o.network_id, f.published_at, f.taken FROM post_figures f "
              "JOIN outbox o ON o.id = f.outbox_id WHERE f.account_id = $1 AND f.next_at IS NOT NULL "
              "AND f.next_at <= $2 ORDER BY f.next_at LIMIT $3",
      use(id), use(at), use(most), into(outbox), into(network_id), into(published), into(taken), now;
  std::vector<DuePost> out(outbox.size());
  for (std::size_t i = 0; i < outbox.size(); ++i) {
    out[i] = {outbox[i], network_id[i], from_unix_ms(published[i]), taken[i]};
  }
  return out;
}

void MetricsRepository::record_post(std::int64_t outbox_id, Timestamp at, const PostReading& reading,
                                    std::int64_t taken, std::optional<Timestamp> next_at) {
  Int64 id = outbox_id, when = to_unix_ms(at), done = taken;
  Nullable<Int64> next = next_at ? Nullable<Int64>(to_unix_ms(*next_at)) : Nullable<Int64>();
  if (reading.gone) {
    session_ << "UPDATE post_figures SET taken = $1, next_at = NULL, read_at = $2, gone = 1 WHERE outbox_id = $3",
        use(done), use(when), use(id), now;
    return;
  }
  auto likes = nullable(reading.likes), shares = nullable(reading.shares), replies = nullable(reading.replies),
       impressions = nullable(reading.impressions);
  Int64 seen = 0;
  session_ << "SELECT COUNT(*) FROM post_samples WHERE outbox_id = $1 AND at = $2", use(id), use(when), into(seen), now;
  if (seen == 0) {
    session_ << "INSERT INTO post_samples (outbox_id, at, likes, shares, replies, impressions) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
        use(id), use(when), use(likes), use(shares), use(replies), use(impressions), now;
  }
  session_ << "UPDATE post_figures SET taken = $1, next_at = $2, read_at = $3, likes = $4, shares = $5, "
              "replies = $6, impressions = $7 WHERE outbox_id = $8",
      use(done), use(next), use(when), use(likes), use(shares), use(replies), use(impressions), use(id), now;
}

void MetricsRepository::postpone_post(std::int64_t outbox_id, Timestamp next_at) {
  Int64 id = outbox_id, next = to_unix_ms(next_at);
  session_ << "UPDATE post_figures SET next_at = $1 WHERE outbox_id = $2", use(next), use(id), now;
}

std::vector<PostFigures> MetricsRepository::published_between(Timestamp from, Timestamp to) {
  return select_figures("f.published_at >= $1 AND f.published_at < $2", to_unix_ms(from), to_unix_ms(to));
}

std::vector<PostFigures> MetricsRepository::figures_of(PostId post) {
  // The second parameter keeps the shape of the statement; it matches every row.
  return select_figures("o.post_id = $1 AND f.outbox_id > $2", post.value, 0);
}

std::vector<PostFigures> MetricsRepository::select_figures(const std::string& where, Int64 a, Int64 b) {
  std::vector<Int64> outbox, post, account, published, gone;
  std::vector<Nullable<Int64>> read_at, likes, shares, replies, impressions;
  std::vector<std::string> text, language, template_id, segment_id, url;
  session_ << "SELECT f.outbox_id, o.post_id, f.account_id, f.published_at, f.read_at, f.likes, f.shares, f.replies, "
              "f.impressions, f.gone, COALESCE(v.text, p.text), p.language, p.template_id, p.segment_id, o.url "
              "FROM post_figures f JOIN outbox o ON o.id = f.outbox_id JOIN posts p ON p.id = o.post_id "
              "LEFT JOIN post_variants v ON v.post_id = o.post_id AND v.account_id = o.account_id WHERE " +
                  where + " ORDER BY f.published_at, f.outbox_id",
      use(a), use(b), into(outbox), into(post), into(account), into(published), into(read_at), into(likes),
      into(shares), into(replies), into(impressions), into(gone), into(text), into(language), into(template_id),
      into(segment_id), into(url), now;
  std::vector<PostFigures> out(outbox.size());
  for (std::size_t i = 0; i < outbox.size(); ++i) {
    auto& row = out[i];
    row.outbox_id = outbox[i];
    row.post = PostId{post[i]};
    row.account = AccountId{account[i]};
    row.published_at = from_unix_ms(published[i]);
    if (!read_at[i].isNull()) row.read_at = from_unix_ms(read_at[i].value());
    row.likes = optional(likes[i]);
    row.shares = optional(shares[i]);
    row.replies = optional(replies[i]);
    row.impressions = optional(impressions[i]);
    row.gone = gone[i] != 0;
    row.text = text[i];
    row.language = language[i];
    row.template_id = template_id[i];
    row.segment_id = segment_id[i];
    row.url = url[i];
  }
  return out;
}

}  // namespace kanal::store
