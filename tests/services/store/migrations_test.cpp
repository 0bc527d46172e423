#include <catch2/catch.hpp>

#include "core/error.h"
#include "store/migrations.h"
#include "support/test_databases.h"

using namespace Poco::Data::Keywords;

TEST_CASE("migrations apply once and are recorded") {
  kanal::test::TestDatabase test_db;
  auto db = test_db.open();
  CHECK(kanal::store::schema_version(*db) == 0);
  const auto applied = kanal::store::migrate(*db);
  CHECK(applied == static_cast<int>(kanal::store::schema_migrations().size()));
  CHECK(kanal::store::schema_version(*db) == kanal::store::schema_migrations().back().version);
  CHECK(kanal::store::migrate(*db) == 0);
}

TEST_CASE("a failing migration leaves nothing behind") {
  kanal::test::TestDatabase test_db;
  auto db = test_db.open();
  std::vector<kanal::store::Migration> migrations{
      {1, "good", {"CREATE TABLE a (id %ID%)"}},
      {2, "bad", {"CREATE TABLE b (id %ID%)", "THIS IS NOT SQL"}},
  };
  CHECK_THROWS_AS(kanal::store::migrate(*db, migrations), kanal::Error);
  CHECK(kanal::store::schema_version(*db) == 1);
  // Table b was created inside the failed migration's transaction: it is gone.
  CHECK_THROWS(db->read([](Poco::Data::Session& s) { s << "SELECT COUNT(*) FROM b", now; }));
}

TEST_CASE("a database newer than the binary is refused without change") {
  kanal::test::TestDatabase test_db;
  auto db = test_db.open();
  kanal::store::migrate(*db);
  db->transact([](Poco::Data::Session& s) {
    s << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)", now;
  });
  CHECK_THROWS_WITH(kanal::store::migrate(*db),
                    Catch::Contains("schema version 999") && Catch::Contains("newer than this Kanal"));
  CHECK(kanal::store::schema_version(*db) == 999);
}

TEST_CASE("a database with someone else's tables is refused and left alone") {
  kanal::test::TestDatabase test_db;
  auto db = test_db.open();
  db->transact([](Poco::Data::Session& s) { s << "CREATE TABLE minutes (line TEXT)", now; });
  CHECK_THROWS_WITH(kanal::store::migrate(*db), Catch::Contains("not a Kanal database"));
  Poco::Int64 tables = 0;
  db->read([&](Poco::Data::Session& s) {
    if (test_db.is_postgresql()) {
      s << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()", into(tables), now;
    } else {
      s << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'", into(tables), now;
    }
  });
  CHECK(tables == 1);
}
