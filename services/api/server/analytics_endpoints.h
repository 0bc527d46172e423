#pragma once
// Likes and followers:
//   GET  /api/v1/analytics            a period's report: from, to (RFC 3339), accounts (ids,
//                                     comma-separated), segment, zone (IANA), granularity
//                                     (hour, day, week)
//   POST /api/v1/analytics/collect    read what is due from the networks now
//   GET  /api/v1/posts/{id}/figures   a published post's current likes, shares and replies,
//                                     per account it went to
//   GET/PUT /api/v1/settings/reports  the folder the monthly report is written to (admin)

#include "api/server/router.h"
#include "core/time.h"
#include "metrics/metrics_collector.h"
#include "store/database.h"

namespace kanal::api {

void add_analytics_endpoints(Router& router, store::Database& db, metrics::MetricsCollector& collector,
                             const Clock& clock);

}  // namespace kanal::api
