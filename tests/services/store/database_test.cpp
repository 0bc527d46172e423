#include <catch2/catch.hpp>

#include <fstream>

#include "core/error.h"
#include "store/database.h"
#include "store/migrations.h"
#include "support/temp_dir.h"
#include "support/test_databases.h"

using namespace Poco::Data::Keywords;

TEST_CASE("a transaction commits on return and rolls back on throw") {
  kanal::test::TestDatabase test_db;
  auto db = test_db.open();
  db->transact([](Poco::Data::Session& s) { s << "CREATE TABLE t (v BIGINT)", now; });
  db->transact([](Poco::Data::Session& s) { s << "INSERT INTO t (v) VALUES (1)", now; });
  CHECK_THROWS_WITH(db->transact([](Poco::Data::Session& s) {
    s << "INSERT INTO t (v) VALUES (2)", now;
    throw kanal::Error(kanal::ErrorCode::invalid_input, "changed my mind");
  }),
                    "changed my mind");
  Poco::Int64 count = 0;
  db->read([&](Poco::Data::Session& s) { s << "SELECT COUNT(*) FROM t", into(count), now; });
  CHECK(count == 1);
}

TEST_CASE("driver errors become kanal errors") {
  kanal::test::TestDatabase test_db;
  auto db = test_db.open();
  try {
    db->read([](Poco::Data::Session& s) { s << "SELECT * FROM no_such_table", now; });
    FAIL("expected an error");
  } catch (const kanal::Error& e) {
    CHECK(e.code() == kanal::ErrorCode::internal);
    CHECK_THAT(e.detail(), Catch::Contains("database error"));
  }
}

TEST_CASE("an unknown database URL is refused") {
  CHECK_THROWS_WITH(kanal::store::Database::open("mysql://x", {}), Catch::Contains("unknown database URL"));
}

TEST_CASE("a file that is not a SQLite database is refused and left untouched") {
  kanal::test::TempDir dir;
  const auto path = dir.path() / "kanal.db";
  const std::string garbage = "this is not a database, it is someone's notes\n";
  { std::ofstream(path) << garbage; }
  CHECK_THROWS_WITH(kanal::store::Database::open("sqlite:" + path.string(), {}),
                    Catch::Contains("not a SQLite database") && Catch::Contains("not modified"));
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  CHECK(content == garbage);
}

TEST_CASE("a SQLite file with a valid header but corrupt pages is refused") {
  kanal::test::TempDir dir;
  const auto path = dir.path() / "kanal.db";
  std::string bytes("SQLite format 3\0", 16);
  bytes += std::string(4080, '\x7f');
  { std::ofstream(path, std::ios::binary) << bytes; }
  try {
    auto db = kanal::store::Database::open("sqlite:" + path.string(), {});
    kanal::store::migrate(*db);
    FAIL("a corrupt database was accepted");
  } catch (const kanal::Error& e) {
    CHECK(e.code() != kanal::ErrorCode::invalid_input);
  }
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  CHECK(content == bytes);
}
