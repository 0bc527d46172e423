#pragma once
// The measures behind a report, from the store: follower growth from the
// account rollups; likes, shares and replies of the posts published in the
// period (per post, per 1,000 followers, per template, segment, language
// and account, over time); time to first answer and what the moderation
// did, from the inbox; and the best time to post from the workspace's own
// year of posts.

#include <Poco/Data/Session.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/domain.h"
#include "reports/report.h"

namespace kanal::metrics {

struct ReportRequest {
  Timestamp from, to;               // [from, to)
  std::vector<AccountId> accounts;  // empty: every account
  // What the reader may not see (store/viewer.h), left out whatever is asked:
  std::set<AccountId> closed;                       // accounts
  std::set<AccountId> closed_inboxes;               // answer times and moderation figures
  std::set<PostId> hidden_posts;                    // posts, also where they went to an open account too
  std::string segment;                              // empty: every segment
  std::string zone = "UTC";                         // whose days the period is; the best-time heatmap's
  std::optional<reports::Granularity> granularity;  // nullopt: hours up to 3 days, days up to 120, else weeks
  std::size_t top_posts = 10;
};

// Error(invalid_input) for an empty or reversed period or an unknown zone.
reports::Report build_report(Poco::Data::Session& session, const ReportRequest& request);

}  // namespace kanal::metrics
