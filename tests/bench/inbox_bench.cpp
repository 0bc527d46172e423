// Benchmark (not a timed test) of the engagement inbox:
//   1. sync to store: comments fetched from the sandbox, judged by the
//      moderation and stored by kanald, per second — next to the raw SQLite
//      insert rate of the same rows (sqlite3 C API, a prepared statement, one
//      transaction per page of 40 as kanald commits them) measured in the same run;
//   2. the inbox page query with a million comments: GET /api/v1/inbox as the
//      app asks it (first page, with the count, filtered, far down the list).
//   inbox_bench [--synced N] [--comments N]   (defaults 5,000 and 1,000,000)
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "api/client/api_client.h"
#include "core/json.h"
#include "support/connect_account.h"
#include "support/kanald_process.h"
#include "support/sandbox_process.h"
#include "support/temp_dir.h"

using namespace kanal;
using Steady = std::chrono::steady_clock;

namespace {

// What citizens write under an agency's post, with now and then something to hide.
struct Comment {
  const char* text;
  const char* language;
};
const std::vector<Comment> kComments{
    {"When is the housing benefit paid in December?", "en"},
    {"Tack för hjälpen, pengarna kom idag!", "sv"},
    {"This is a disgrace, three months and still no decision on my sick pay.", "en"},
    {"Hvornår bliver børnepengene udbetalt?", "da"},
    {"Min granne 19121212-1212 fuskar med bidraget.", "sv"},
    {"Holy shit, thank you, the money finally came!", "en"},
    {"Milloin asumistuki maksetaan?", "fi"},
    {"Jeg har ventet i 12 uker på svar fra NAV. Helt håpløst.", "nb"},
    {"I know where that caseworker lives and I will make her pay.", "en"},
    {"Varför svarar ingen i telefon? Det är ju helt sjukt.", "sv"},
    {"Logga in här för att få ditt bidrag: https://forsakringskassan-se.com/bankid", "sv"},
    {"Great explanation, thanks for making it simple.", "en"},
};

double seconds_since(Steady::time_point start) { return std::chrono::duration<double>(Steady::now() - start).count(); }

std::int64_t option(int argc, char** argv, const std::string& name, std::int64_t fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return std::stoll(argv[i + 1]);
  }
  return fallback;
}

std::string comment_json(const Comment& comment, const std::string& post, int i) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "text", std::string(comment.text) + " #" + std::to_string(i));
    json::write_string(w, "language", comment.language);
    json::write_string(w, "in_reply_to_id", post);
    json::write_string(w, "from", "citizen" + std::to_string(i % 300));
    w.EndObject();
  });
}

void check(int result, sqlite3* db, const char* what) {
  if (result != SQLITE_OK && result != SQLITE_DONE && result != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

struct Row {
  std::string network_id, text, language, author;
};

// Rows into `file`'s interactions table with a prepared statement, `per_transaction` at a time.
double insert_rows(const std::string& file, const std::vector<Row>& rows, std::int64_t first_account, int repeat,
                   std::size_t per_transaction) {
  sqlite3* db = nullptr;
  check(sqlite3_open(file.c_str(), &db), db, "open");
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  check(sqlite3_prepare_v2(
            db,
            "INSERT INTO interactions (account_id, network_id, kind, author_id, author_handle, author_name, text, "
            "truncated, language, created_at, in_reply_to, url, fetched_at, category, score, action, decided_by, "
            "reason, needs_review, state, visibility, network_note) VALUES (?1, ?2, 'reply', '1', ?3, ?3, ?4, 0, ?5, "
            "?6, '1', '', ?6, 'question', 800, 'keep', 'model', '', ?7, ?8, 'visible', '')",
            -1, &insert, nullptr),
        db, "prepare");
  const auto start = Steady::now();
  std::size_t in_transaction = 0;
  std::int64_t n = 0;
  for (int r = 0; r < repeat; ++r) {
    for (const auto& row : rows) {
      if (in_transaction == 0) sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
      const std::string id = row.network_id + (repeat > 1 ? "-" + std::to_string(r) : "");
      sqlite3_bind_int64(insert, 1, first_account);
      sqlite3_bind_text(insert, 2, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 3, row.author.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 4, row.text.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 5, row.language.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(insert, 6, 1'790'000'000'000 + n);
      sqlite3_bind_int(insert, 7, n % 25 == 0 ? 1 : 0);
      sqlite3_bind_text(insert, 8, n % 3 == 0 ? "done" : "new", -1, SQLITE_STATIC);
      check(sqlite3_step(insert), db, "insert");
      sqlite3_reset(insert);
      ++n;
      if (++in_transaction == per_transaction) {
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        in_transaction = 0;
      }
    }
  }
  if (in_transaction > 0) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  const double took = seconds_since(start);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return took;
}

// The median of `runs` timings of one inbox query, in milliseconds.
double median_ms(client::ApiClient& api, const wire::InboxFilter& filter, int runs = 11) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Steady::now();
    api.inbox(filter).get();
    ms.push_back(seconds_since(start) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const auto synced = static_cast<int>(option(argc, argv, "--synced", 5'000));
  const auto million = option(argc, argv, "--comments", 1'000'000);

  test::SandboxProcess sandbox({"--audience-speed", "0"});
  test::KanaldProcess kanald({"--inbox-sync-s", "3600"});
  client::ApiClient api(kanald.endpoint());
  const auto account = test::connect_sandbox_account(api, sandbox);
  const auto post = api.create_post({"Housing benefit for December is paid on the 18th.", {}}).get();
  api.publish(post.id, {{account.id}}).get();
  test::wait_until_settled(api, post.id);
  const std::string status = sandbox.statuses()[0]["id"].GetString();
  for (int i = 0; i < synced; ++i) {
    sandbox.comment(comment_json(kComments[static_cast<std::size_t>(i) % kComments.size()], status, i));
  }

  // 1. Sync to store, as "Sync now" does it (each round goes on from the cursor).
  const auto start = Steady::now();
  std::int64_t stored = 0, hidden = 0;
  for (int round = 0; round < 1000 && stored < synced; ++round) {
    const auto result = api.sync_inbox(account.id).get();
    stored += result.stored;
    hidden += result.hidden;
    if (result.fetched == 0) break;
  }
  const double sync_s = seconds_since(start);
  std::printf(
      "sync to store: %lld comments fetched, judged and stored in %.2f s = %.0f comments/s (%lld hidden on "
      "the network, each a request of its own)\n",
      static_cast<long long>(stored), sync_s, static_cast<double>(stored) / sync_s, static_cast<long long>(hidden));

  // The same rows, straight into SQLite.
  std::vector<Row> rows;
  {
    auto db = kanald.database().open();
    db->read([&](Poco::Data::Session& s) {
      std::vector<std::string> ids, texts, languages, authors;
      s << "SELECT network_id, text, language, author_handle FROM interactions", Poco::Data::Keywords::into(ids),
          Poco::Data::Keywords::into(texts), Poco::Data::Keywords::into(languages), Poco::Data::Keywords::into(authors),
          Poco::Data::Keywords::now;
      for (std::size_t i = 0; i < ids.size(); ++i) rows.push_back({ids[i], texts[i], languages[i], authors[i]});
    });
  }
  test::TempDir scratch;
  const auto copy = (scratch.path() / "raw.db").string();
  {
    // An empty copy of the schema: the same table and indexes.
    sqlite3* db = nullptr;
    check(sqlite3_open(copy.c_str(), &db), db, "open copy");
    check(sqlite3_exec(db,
                       "CREATE TABLE interactions (id INTEGER PRIMARY KEY AUTOINCREMENT, account_id BIGINT NOT NULL, "
                       "network_id TEXT NOT NULL, kind TEXT NOT NULL, author_id TEXT NOT NULL, author_handle TEXT NOT "
                       "NULL, author_name TEXT NOT NULL, text TEXT NOT NULL, truncated BIGINT NOT NULL, language TEXT "
                       "NOT NULL, created_at BIGINT NOT NULL, in_reply_to TEXT NOT NULL, post_id BIGINT, url TEXT NOT "
                       "NULL, fetched_at BIGINT NOT NULL, state TEXT NOT NULL, assignee BIGINT, category TEXT NOT "
                       "NULL, score BIGINT NOT NULL, action TEXT NOT NULL, decided_by TEXT NOT NULL, reason TEXT NOT "
                       "NULL, needs_review BIGINT NOT NULL, visibility TEXT NOT NULL, network_note TEXT NOT NULL, "
                       "first_answer_at BIGINT, UNIQUE (account_id, network_id));"
                       "CREATE INDEX a ON interactions (state, id); CREATE INDEX b ON interactions (account_id, id);"
                       "CREATE INDEX c ON interactions (needs_review, id); CREATE INDEX d ON interactions (visibility, "
                       "id); CREATE INDEX e ON interactions (language, id); CREATE INDEX f ON interactions (category, "
                       "id);",
                       nullptr, nullptr, nullptr),
          db, "schema");
    sqlite3_close(db);
  }
  const double raw_s = insert_rows(copy, rows, 1, 1, 40);
  std::printf(
      "raw SQLite insert of the same %zu rows (prepared statement, a transaction per 40): %.3f s = %.0f "
      "rows/s\n",
      rows.size(), raw_s, static_cast<double>(rows.size()) / raw_s);

  // 2. A million comments in kanald's own database, then the app's queries.
  const auto& url = kanald.database().url();
  if (kanald.database().is_postgresql() || url.rfind("sqlite:", 0) != 0) {
    std::printf("inbox page query: skipped (not a SQLite workspace)\n");
    return 0;
  }
  const std::string database = url.substr(7);
  const int repeat = static_cast<int>((million + static_cast<std::int64_t>(rows.size()) - 1) /
                                      std::max<std::int64_t>(1, static_cast<std::int64_t>(rows.size())));
  const double fill_s = insert_rows(database, rows, account.id.value, repeat, 10'000);
  wire::InboxFilter count;
  count.limit = 1;
  count.count = true;
  const auto total = api.inbox(count).get().total.value_or(0);
  std::printf("filled the inbox to %lld comments in %.1f s\n", static_cast<long long>(total), fill_s);
  wire::InboxFilter first;
  first.limit = 100;
  wire::InboxFilter counted = first;
  counted.count = true;
  wire::InboxFilter review = first;
  review.state = "review";
  wire::InboxFilter swedish = first;
  swedish.language = "sv";
  swedish.state = "new";
  wire::InboxFilter deep = first;
  deep.offset = total / 2;
  wire::InboxFilter page200 = first;
  page200.limit = 200;
  page200.offset = total - 200;
  std::printf("inbox page query with %lld comments (median of 11, through the API):\n", static_cast<long long>(total));
  std::printf("  first page of 100, newest first:           %7.1f ms\n", median_ms(api, first));
  std::printf("  first page with the count (list opened):   %7.1f ms\n", median_ms(api, counted));
  std::printf("  needs review (1 in 25):                     %7.1f ms\n", median_ms(api, review));
  std::printf("  new and Swedish:                            %7.1f ms\n", median_ms(api, swedish));
  std::printf("  100 rows half-way down (offset %lld):   %7.1f ms\n", static_cast<long long>(deep.offset),
              median_ms(api, deep));
  std::printf("  the last page of 200 (scrolled to the end): %7.1f ms\n", median_ms(api, page200));
  return 0;
}
