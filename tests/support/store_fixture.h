#pragma once
// A migrated test database (SQLite or the PostgreSQL cluster, as the run
// asks) with one officer who writes — what most store tests start from.

#include <memory>

#include "store/account_repository.h"
#include "store/migrations.h"
#include "store/user_repository.h"
#include "support/test_databases.h"

namespace kanal::test {

struct StoreFixture {
  TestDatabase test_db;
  std::unique_ptr<store::Database> db = test_db.open();
  Timestamp t0 = from_unix_ms(1'790'000'000'000);
  User author;

  // A Mastodon account connected at t0.
  Account add_account(const std::string& handle = "@agency@social.example") {
    return db->transact([&](auto& s) {
      Account a;
      a.network = "mastodon";
      a.handle = handle;
      a.display_name = "Agency";
      a.instance_url = "https://social.example";
      return store::AccountRepository(s).connect(a, "sealed", t0);
    });
  }

  StoreFixture() {
    store::migrate(*db);
    author = db->transact(
        [&](auto& s) { return store::UserRepository(s).ensure("officer", "Olga Officer", Role::officer, t0); });
  }
};

}  // namespace kanal::test
