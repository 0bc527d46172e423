#pragma once
// Likes and followers over time. An account's figures (followers,
// following, posts) are kept as read and rolled up per hour, day and ISO
// week as each reading comes in, so a year of hourly readings answers from
// a few hundred rows. A published variant's figures (likes, shares,
// replies, impressions) are kept as read, with where its decaying reading
// schedule stands and its latest figures. A figure the network did not
// give is NULL — "not available" — never 0.

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

#include "analytics/rollups.h"
#include "core/domain.h"

namespace kanal::store {

struct PostReading {
  std::optional<std::int64_t> likes, shares, replies, impressions;
  bool gone = false;  // the post is no longer on the network: its last figures stay
};

// A published variant whose next reading is due.
struct DuePost {
  std::int64_t outbox_id = 0;
  std::string network_id;
  Timestamp published_at;
  std::int64_t taken = 0;  // readings of its schedule done (or overtaken)
};

// A published variant with its latest figures and what it was.
struct PostFigures {
  std::int64_t outbox_id = 0;
  PostId post;
  AccountId account;
  Timestamp published_at;
  std::optional<Timestamp> read_at;  // never read yet: nullopt
  std::optional<std::int64_t> likes, shares, replies, impressions;
  bool gone = false;
  std::string text, language, template_id, segment_id, url;
};

class MetricsRepository {
 public:
  explicit MetricsRepository(Poco::Data::Session& session) : session_(session) {}

  // One reading of an account's `metric`, into its samples and its hour,
  // day and week rollups. A second reading at the same moment is ignored.
  void record_account(AccountId account, const std::string& metric, const analytics::Sample& sample);
  // When the account was last read (any metric).
  std::optional<Timestamp> last_account_reading(AccountId account);
  // The rollups of `metric` whose period starts in [from, to), oldest first.
  std::vector<analytics::Bucket> account_series(AccountId account, const std::string& metric, analytics::Period period,
                                                Timestamp from, Timestamp to);
  // The first and the last reading in [from, to) the network gave a value for.
  std::pair<std::optional<analytics::Sample>, std::optional<analytics::Sample>> first_and_last_given(
      AccountId account, const std::string& metric, Timestamp from, Timestamp to);
  // The readings themselves, in [from, to), oldest first.
  std::vector<analytics::Sample> account_samples(AccountId account, const std::string& metric, Timestamp from,
                                                 Timestamp to);

  // Gives each newly published variant (not answers to comments) its
  // reading schedule, the first reading due at `first_due_after` past its
  // publishing; how many.
  int track_published(std::chrono::milliseconds first_due_after);
  // The account's variants whose next reading is due at `now`, most
  // overdue first.
  std::vector<DuePost> due_posts(AccountId account, Timestamp now, int limit);
  // A reading of a variant; `taken` and `next_at` (nullopt: the schedule is
  // done) say where its schedule now stands.
  void record_post(std::int64_t outbox_id, Timestamp at, const PostReading& reading, std::int64_t taken,
                   std::optional<Timestamp> next_at);
  // Puts off a variant's reading (the network could not answer now).
  void postpone_post(std::int64_t outbox_id, Timestamp next_at);

  // Variants published in [from, to), with their latest figures.
  std::vector<PostFigures> published_between(Timestamp from, Timestamp to);
  // The variants of one post.
  std::vector<PostFigures> figures_of(PostId post);

 private:
  std::vector<PostFigures> select_figures(const std::string& where, Poco::Int64 a, Poco::Int64 b);

  Poco::Data::Session& session_;
};

}  // namespace kanal::store
