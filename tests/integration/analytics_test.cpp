// Likes and followers end to end: kanald reads the sandbox's figures on its
// schedule (a test clock lets hours pass in a moment) while the sandbox's
// simulated audience follows, likes and boosts; the report shows them per
// account and per segment with the inbox's answer times and moderation;
// a figure the network stops giving is "not available", never 0; a network
// that limits the rate or answers nonsense is asked again later; kanalctl
// writes the PDF and the CSV, and kanald each month's report by itself.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <thread>

#include "api/client/api_client.h"
#include "api/client/http_client.h"
#include "core/error.h"
#include "core/json.h"
#include "support/child_process.h"
#include "support/connect_account.h"
#include "support/eventually.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/temp_dir.h"
#include "support/template_post.h"

using namespace kanal;
using namespace std::chrono_literals;

namespace {

Timestamp utc(const char* text) { return *parse_iso8601(text); }

const Timestamp kMonday = utc("2026-11-02T08:00:00Z");

struct Workspace {
  test::SandboxProcess sandbox;
  // Nothing is read by itself: the test reads when it chooses.
  test::KanaldProcess kanald{{"--test-clock", "--inbox-sync-s", "3600", "--metrics-every-s", "3600"}};
  client::ApiClient api{kanald.endpoint()};
  Account account;

  Workspace() {
    api.set_test_clock(kMonday).get();
    account = test::connect_sandbox_account(api, sandbox);
  }

  // Lets `simulated` pass for the audience and kanald, then reads what is due.
  wire::CollectionInfo live(Timestamp until, std::chrono::minutes simulated) {
    if (simulated.count() > 0) sandbox.advance_audience(simulated);
    api.set_test_clock(until).get();
    return api.collect_metrics().get();
  }

  PostId publish_template_post() {
    const auto post = test::create_template_post(api);
    api.publish(post.id, {{account.id}}).get();
    REQUIRE(test::wait_until_settled(api, post.id).at(0).state == "published");
    return post.id;
  }

  reports::Report report(Timestamp from, Timestamp to) {
    wire::AnalyticsQuery query;
    query.from = from;
    query.to = to;
    return api.analytics(query).get();
  }

  // The sandbox's own count for the agency's newest status.
  std::int64_t likes_on_sandbox(std::size_t newest = 0) {
    const auto statuses = sandbox.statuses();
    return statuses[statuses.Size() - 1 - newest]["favourites"].GetInt64();
  }
};

}  // namespace

TEST_CASE("after the audience has reacted, the report shows followers and likes over time per account and segment") {
  Workspace w;
  w.live(kMonday, 0min);
  const auto post = w.publish_template_post();
  w.live(kMonday + 1h + 1s, 60min);
  w.live(kMonday + 6h + 1s, 300min);
  const auto after = w.live(kMonday + 24h + 1s, 18 * 60min);
  CHECK(after.problems.empty());

  // The post's current figures are the network's.
  const auto figures = w.api.post_figures(post).get();
  REQUIRE(figures.size() == 1);
  REQUIRE(figures[0].likes.has_value());
  CHECK(*figures[0].likes == w.likes_on_sandbox());
  CHECK(*figures[0].likes > 0);
  // The test clock runs on from where it was set.
  REQUIRE(figures[0].read_at.has_value());
  CHECK(*figures[0].read_at - (kMonday + 24h + 1s) < 1min);

  const auto report = w.report(kMonday - 8h, kMonday + 40h);
  CHECK(report.granularity == reports::Granularity::hour);
  REQUIRE(report.accounts.size() == 1);
  const auto& summary = report.accounts[0];
  CHECK(summary.handle == w.account.handle);
  REQUIRE(summary.followers_end.has_value());
  REQUIRE(summary.followers_start.has_value());
  CHECK(*summary.followers_end >= *summary.followers_start);  // the audience only follows
  CHECK(summary.posts == 1);
  CHECK(summary.likes == *figures[0].likes);
  CHECK(summary.engagement_per_thousand.has_value());

  // Followers over time: one reading an hour at most, one per round here.
  REQUIRE(report.followers.size() == 1);
  std::size_t read = 0;
  for (const auto& point : report.followers[0].points) read += point.value ? 1 : 0;
  CHECK(read == 4);
  // Likes over time per account and per segment.
  REQUIRE(report.likes.size() == 1);
  double likes = 0;
  for (const auto& point : report.likes[0].points) likes += point.value.value_or(0);
  CHECK(likes == double(summary.likes.value_or(-1)));
  REQUIRE(report.by_segment.size() == 1);
  CHECK(report.by_segment[0].key == "families");
  CHECK(report.by_template.at(0).key == "payment_date_reminder");
  CHECK(report.by_language.at(0).key == "sv");
  REQUIRE(report.likes_by_segment.size() == 1);
  CHECK(report.likes_by_segment[0].name == "families");
  REQUIRE(report.top_posts.size() == 1);
  CHECK(report.top_posts[0].post_id == post.value);
  // The best time to post: Monday 08:00 UTC is 09:00 in Stockholm.
  CHECK(report.best_times.posts[0][8] == 1);
  wire::AnalyticsQuery stockholm;
  stockholm.from = kMonday - 8h;
  stockholm.to = kMonday + 40h;
  stockholm.zone = "Europe/Stockholm";
  CHECK(w.api.analytics(stockholm).get().best_times.posts[0][9] == 1);
}

TEST_CASE("a scheduled post, once published, shows its likes in the calendar") {
  Workspace w;
  const auto post = test::create_template_post(w.api);
  w.api.schedule_post(post.id, {{w.account.id}, "2026-11-02T10:00", "Europe/Stockholm"}).get();
  w.api.set_test_clock(kMonday + 1h + 1s).get();  // 09:00 UTC: due, the scheduler sends it
  REQUIRE(test::eventually([&] { return !w.api.deliveries(post.id).get().empty(); }));
  REQUIRE(test::wait_until_settled(w.api, post.id).at(0).state == "published");
  w.live(kMonday + 2h + 2s, 60min);
  const auto likes = w.api.post_figures(post.id).get().at(0).likes;
  REQUIRE(likes.has_value());
  const auto calendar = w.api.calendar(kMonday, kMonday + 24h).get();
  REQUIRE(calendar.size() == 1);
  CHECK(calendar[0].post_state == "published");
  CHECK(calendar[0].likes == likes);
  CHECK(calendar[0].replies.has_value());
}

TEST_CASE("posts are read on a decaying schedule, and a reading overtaken while kanald was away counts as one") {
  Workspace w;
  w.publish_template_post();
  const auto status_path = "/api/v1/statuses/" + std::string(w.sandbox.statuses()[0]["id"].GetString());
  const auto reads = [&] { return w.sandbox.requests_to("GET", status_path); };
  w.live(kMonday + 30min, 0min);
  CHECK(reads() == 0);  // not an hour old yet
  w.live(kMonday + 1h + 1s, 0min);
  CHECK(reads() == 1);
  w.live(kMonday + 2h, 0min);
  CHECK(reads() == 1);  // the next is at 6 h
  // Three days pass unseen: the 6 h, 24 h and 3 d readings are one.
  w.live(kMonday + 80h, 0min);
  CHECK(reads() == 2);
  w.live(kMonday + 81h, 0min);
  CHECK(reads() == 2);
  w.live(kMonday + 24h * 7 + 1s, 0min);
  CHECK(reads() == 3);
  w.live(kMonday + 24h * 40, 0min);
  CHECK(reads() == 4);
  w.live(kMonday + 24h * 90, 0min);
  CHECK(reads() == 4);  // the schedule is done
}

TEST_CASE("a count the network stops giving is recorded as not available, never as zero") {
  Workspace w;
  const auto post = w.publish_template_post();
  w.live(kMonday + 1h + 1s, 60min);
  const auto before = w.api.post_figures(post).get().at(0);
  REQUIRE(before.likes.has_value());

  w.sandbox.withhold_counts({"favourites_count", "followers_count"});
  const auto round = w.live(kMonday + 6h + 1s, 300min);
  CHECK(round.problems.empty());
  const auto after = w.api.post_figures(post).get().at(0);
  CHECK_FALSE(after.likes.has_value());  // not available: not 0
  CHECK(after.shares.has_value());       // the others are still given
  CHECK(*after.read_at - (kMonday + 6h + 1s) < 1min);

  const auto report = w.report(kMonday, kMonday + 12h);
  const auto& followers = report.followers.at(0).points;
  // Read at 09:00 and 14:00; the hours between were not read, and at 14:00
  // the count was not given: gaps in the chart, not a fall to 0.
  REQUIRE(followers.size() == 6);
  CHECK(followers.front().value.has_value());
  for (std::size_t i = 1; i < followers.size(); ++i) CHECK_FALSE(followers[i].value.has_value());
  CHECK(report.accounts.at(0).followers_end == std::optional<std::int64_t>(std::int64_t(*followers.front().value)));
  CHECK(report.top_posts.at(0).likes == std::nullopt);
  // Nor in the sums: the period's likes are not available, not 0.
  CHECK(report.accounts.at(0).likes == std::nullopt);
  CHECK(report.accounts.at(0).shares.has_value());
  CHECK(report.by_segment.at(0).likes == std::nullopt);
  bool gap = false;
  for (const auto& point : report.likes.at(0).points) gap |= !point.value.has_value();
  CHECK(gap);  // the hour it was published: posts, but no likes given
}

TEST_CASE("a network that limits the rate or answers nonsense is asked again later, and nothing is lost") {
  Workspace w;
  w.publish_template_post();
  const auto credentials = [&] { return w.sandbox.requests_to("GET", "/api/v1/accounts/verify_credentials"); };

  w.sandbox.add_fault(R"({"kind":"rate_limited","path":"/api/v1/accounts/verify_credentials","count":1})");
  const auto before = credentials();
  const auto limited = w.live(kMonday + 1h + 1s, 0min);
  REQUIRE(limited.problems.size() == 1);
  CHECK(credentials() == before + 1);
  // Left alone for a while: not asked again at once.
  const auto waiting = w.live(kMonday + 1h + 2min, 0min);
  CHECK(credentials() == before + 1);
  REQUIRE(waiting.problems.size() == 1);
  CHECK(waiting.problems[0].find("asked again after") != std::string::npos);
  const auto later = w.live(kMonday + 1h + 10min, 0min);
  CHECK(later.problems.empty());
  CHECK(later.accounts_read == 1);
  CHECK(later.posts_read == 1);

  // A post's figures that do not read: the post is put off and read next time.
  w.sandbox.add_fault(R"({"kind":"malformed_json","path":"/api/v1/statuses/","count":1})");
  const auto broken = w.live(kMonday + 6h + 1s, 0min);
  CHECK(broken.problems.size() == 1);
  CHECK(broken.posts_read == 0);
  const auto again = w.live(kMonday + 6h + 10min, 0min);
  CHECK(again.problems.empty());
  CHECK(again.posts_read == 1);
}

TEST_CASE("one post whose figures fail does not hold up the others") {
  Workspace w;
  w.publish_template_post();
  const auto second = w.api.create_post({"Vi svarar i chatten i dag mellan 10 och 12.", {}}).get();
  w.api.publish(second.id, {{w.account.id}}).get();
  REQUIRE(test::wait_until_settled(w.api, second.id).at(0).state == "published");
  const std::string spoilt = w.sandbox.statuses()[1]["id"].GetString();
  // Its figures fail in the batch and again alone: only it is put off.
  w.sandbox.add_fault(R"({"kind":"server_error","path":"/api/v1/statuses/)" + spoilt + R"(","count":2})");
  const auto round = w.live(kMonday + 1h + 1s, 60min);
  CHECK(round.posts_read == 1);
  REQUIRE(round.problems.size() == 1);
  CHECK(round.problems[0].find(spoilt) != std::string::npos);
  CHECK(w.api.post_figures(second.id).get().at(0).read_at == std::nullopt);
  const auto later = w.live(kMonday + 1h + 10min, 0min);
  CHECK(later.problems.empty());
  CHECK(later.posts_read == 1);
  CHECK(w.api.post_figures(second.id).get().at(0).likes.has_value());
}

TEST_CASE("a dropped connection, a revoked token and a post deleted on the network end in words, not in lost figures") {
  Workspace w;
  const auto post = w.publish_template_post();
  w.live(kMonday + 1h + 1s, 60min);
  const auto first = w.api.post_figures(post).get().at(0);
  REQUIRE(first.likes.has_value());

  // The network processed the request but the answer never came (twice: curl
  // itself tries a dropped reused connection once more): asked again later.
  w.sandbox.add_fault(R"({"kind":"drop_after","path":"/api/v1/accounts/verify_credentials","count":2})");
  const auto dropped = w.live(kMonday + 2h + 1s, 0min);
  REQUIRE(dropped.problems.size() == 1);
  const auto again = w.live(kMonday + 2h + 10min, 0min);
  CHECK(again.problems.empty());
  CHECK(again.accounts_read == 1);

  // The post is deleted on the network: its last figures stay, marked gone.
  for (const auto& secret : w.sandbox.issued_secrets()) {  // the agency's token is among them
    client::HttpRequest request;
    request.method = "DELETE";
    request.url = w.sandbox.url() + "/api/v1/statuses/" + w.sandbox.statuses()[0]["id"].GetString();
    request.headers["Authorization"] = "Bearer " + secret;
    if (client::perform(request).status == 200) break;
  }
  const auto gone_round = w.live(kMonday + 6h + 1s, 0min);
  CHECK(gone_round.problems.empty());
  const auto gone = w.api.post_figures(post).get().at(0);
  CHECK(gone.gone);
  CHECK(gone.likes == first.likes);

  // Every token revoked: the round says so, nothing is stored as zero.
  w.sandbox.revoke_tokens();
  const auto revoked = w.live(kMonday + 8h + 1s, 0min);
  CHECK_FALSE(revoked.problems.empty());
  const auto report = w.report(kMonday, kMonday + 12h);
  for (const auto& point : report.followers.at(0).points) {
    if (point.value) CHECK(*point.value > 0);
  }
}

TEST_CASE("kanalctl report writes the period as a PDF with its figures and as CSV") {
  Workspace w;
  w.live(kMonday, 0min);
  const auto post = w.publish_template_post();
  w.live(kMonday + 24h + 1s, 24 * 60min);
  const auto likes = *w.api.post_figures(post).get().at(0).likes;

  test::TempDir dir;
  const auto pdf = dir.path() / "november.pdf";
  const auto csv = dir.path() / "november.csv";
  const auto run = test::run_program({test::program("kanalctl").string(), "--data-dir", w.kanald.data_dir().string(),
                                      "--as-owner", "report", "--from", "2026-11-01", "--to", "2026-11-30", "--pdf",
                                      pdf.string(), "--csv", csv.string()});
  INFO(run.out);
  REQUIRE(run.exit_code == 0);

  const auto text = test::run_program({"/usr/bin/pdftotext", "-layout", pdf.string(), "-"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Social media report 2026-11-01") != std::string::npos);
  CHECK(text.out.find(w.account.handle) != std::string::npos);
  CHECK(text.out.find("Followers") != std::string::npos);
  CHECK(text.out.find("families") != std::string::npos);
  // The account's row: handle, followers, growth, posts (1), likes.
  std::istringstream lines(text.out);
  bool found = false;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> cells{std::istream_iterator<std::string>(words), {}};
    if (cells.size() >= 5 && cells[0] == w.account.handle) {
      CHECK(cells[3] == "1");
      CHECK(cells[4] == std::to_string(likes));
      found = true;
    }
  }
  CHECK(found);

  std::ifstream file(csv);
  const std::string figures{std::istreambuf_iterator<char>(file), {}};
  CHECK(figures.rfind("section,account,key,at,metric,value\r\n", 0) == 0);
  CHECK(figures.find("account," + w.account.handle + ",,,likes," + std::to_string(likes) + "\r\n") !=
        std::string::npos);
  CHECK(figures.find("by_segment,,families,,posts,1\r\n") != std::string::npos);

  // A wrong period is the user's mistake (exit 2), and writes nothing.
  const auto wrong = test::run_program({test::program("kanalctl").string(), "--data-dir", w.kanald.data_dir().string(),
                                        "--as-owner", "report", "--from", "2026-11-30", "--to", "2026-11-01", "--csv",
                                        (dir.path() / "x.csv").string()});
  CHECK(wrong.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "x.csv"));
}

TEST_CASE("a day after a month has ended, kanald writes its report into the chosen folder, once") {
  Workspace w;
  w.live(kMonday, 0min);
  w.publish_template_post();
  w.live(kMonday + 24h + 1s, 24 * 60min);
  test::TempDir dir;
  const auto folder = dir.path() / "reports";

  // A relative folder or an unknown zone is refused.
  CHECK_THROWS_AS(w.api.set_report_settings({"reports", "UTC"}).get(), Error);
  CHECK_THROWS_AS(w.api.set_report_settings({folder.string(), "Mars/Olympus"}).get(), Error);

  // November has not ended: only October.
  w.api.set_report_settings({folder.string(), "Europe/Stockholm"}).get();
  const auto pdf = folder / "kanal-report-2026-10.pdf";
  const auto november = folder / "kanal-report-2026-11.pdf";
  REQUIRE(test::eventually([&] { return std::filesystem::exists(pdf); }));  // October is over already
  CHECK_FALSE(std::filesystem::exists(november));

  // On the 1st of December (Stockholm time) November's last posts have not
  // been read for a day: it is written on the 2nd, PDF and CSV.
  w.api.set_test_clock(*parse_iso8601("2026-11-30T23:30:00Z")).get();
  w.api.set_report_settings({folder.string(), "Europe/Stockholm"}).get();  // wakes the collector
  std::this_thread::sleep_for(500ms);
  CHECK_FALSE(std::filesystem::exists(november));
  w.api.set_test_clock(*parse_iso8601("2026-12-01T23:30:00Z")).get();
  w.api.set_report_settings({folder.string(), "Europe/Stockholm"}).get();
  REQUIRE(test::eventually([&] { return std::filesystem::exists(november); }));
  REQUIRE(test::eventually([&] { return std::filesystem::exists(folder / "kanal-report-2026-11.csv"); }));
  const auto text = test::run_program({"/usr/bin/pdftotext", november.string(), "-"});
  CHECK(text.out.find("Social media report 2026-11") != std::string::npos);
  CHECK(text.out.find(w.account.handle) != std::string::npos);

  // Once: taken away, it is not written again.
  std::filesystem::remove(november);
  w.api.set_report_settings({folder.string(), "Europe/Stockholm"}).get();
  std::this_thread::sleep_for(500ms);
  CHECK_FALSE(std::filesystem::exists(november));
}
